import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeText, readOpen311File, type ReaderEntry } from './open311-import-reader.server'

async function collect(it: AsyncIterable<ReaderEntry>) {
  const out: ReaderEntry[] = []
  for await (const e of it) out.push(e)
  return out
}

/** Splits text into chunks of n bytes, to cross every boundary (also inside multi-byte characters). */
async function* chunked(text: string, n: number) {
  const b = Buffer.from(text)
  for (let i = 0; i < b.length; i += n) yield b.subarray(i, i + n)
}

describe('Open311 file reader', () => {
  it('reads ndjson with line numbers, skipping blank lines, flagging bad JSON', async () => {
    const text = '{"a":1}\n\n{"a":2}\r\n{bad\n{"a":"é"}\n'
    expect(await collect(decodeText(chunked(text, 3)))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, error: 'invalid JSON' },
      { line: 5, value: { a: 'é' } },
    ])
  })

  it('streams a JSON array, strings with brackets, commas and escapes intact, at any chunk size', async () => {
    const records = [{ a: 'x,]}{[' }, { b: 'say \\"hi\\" — ü' }, { c: [1, { d: 2 }] }, 42, 'str']
    const text = `  [\n${records.map((r) => JSON.stringify(r, null, 1)).join(',\n')}\n]\n`
    for (const n of [1, 2, 7, 64, 100000]) {
      const got = await collect(decodeText(chunked(text, n)))
      expect(got.map((e) => ('value' in e ? e.value : e.error))).toEqual(records)
    }
    const lines = (await collect(decodeText(chunked(text, 5)))).map((e) => e.line)
    expect(lines[0]).toBe(2)
    expect(lines[1]).toBeGreaterThan(2)
  })

  it('reports a broken element and an unterminated array', async () => {
    expect(await collect(decodeText(chunked('[{"a":1},{"a":},\n{"a":3}', 4)))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 1, error: 'invalid JSON' },
      { line: 2, error: 'unterminated JSON array' },
    ])
    expect(await collect(decodeText(chunked('[]', 1)))).toEqual([])
  })

  it('reads gzip by its magic bytes, whatever the name, and counts bytes read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'o311-'))
    const path = join(dir, 'records.json')
    writeFileSync(path, gzipSync('{"a":1}\n{"a":2}\n'))
    const opened = readOpen311File(path)
    expect(await collect(opened.entries)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ])
    expect(opened.bytesRead()).toBeGreaterThan(0)
    const plain = join(dir, 'records.ndjson')
    writeFileSync(plain, '[{"a":1}]')
    expect(await collect(readOpen311File(plain).entries)).toEqual([{ line: 1, value: { a: 1 } }])
    writeFileSync(plain, '')
    expect(await collect(readOpen311File(plain).entries)).toEqual([])
  })
})
