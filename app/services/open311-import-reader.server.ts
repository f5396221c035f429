// Streams Open311 records out of a file without loading it whole: ndjson (one record a
// line), the same gzipped, or a JSON array (possibly pretty-printed and gzipped), told
// apart by the first non-blank character. Each entry carries the line it starts on, so
// bad records can be reported by line number.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'

export type ReaderEntry = { line: number; value: unknown } | { line: number; error: string }

export interface OpenedRecords {
  entries: AsyncIterable<ReaderEntry>
  /** Compressed bytes read so far, for progress and an ETA (the file's size is known to the caller). */
  bytesRead(): number
}

export function readOpen311File(path: string): OpenedRecords {
  const file = createReadStream(path)
  // gzip is recognised by its magic bytes, not the name.
  return { entries: decode(file), bytesRead: () => file.bytesRead }
}

async function* decode(file: Readable): AsyncGenerator<ReaderEntry> {
  const iterator = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const first = await iterator.next()
  if (first.done) return
  const head = first.value
  const rest = (async function* () {
    yield head
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value
  })()
  const gz = head[0] === 0x1f && head[1] === 0x8b
  const source: AsyncIterable<Buffer> = gz ? Readable.from(rest).pipe(createGunzip()) : rest
  yield* decodeText(source)
}

/** ndjson or a JSON array from a stream of (decompressed) bytes. */
export async function* decodeText(source: AsyncIterable<Buffer | string>): AsyncGenerator<ReaderEntry> {
  const chunks = source[Symbol.asyncIterator]()
  const pending: (Buffer | string)[] = []
  // Peek until the first non-blank character decides the format.
  let isArray: boolean | null = null
  while (isArray === null) {
    const r = await chunks.next()
    if (r.done) break
    pending.push(r.value)
    const t = r.value.toString().trimStart()
    if (t !== '') isArray = t.startsWith('[')
  }
  const replay = (async function* () {
    yield* pending
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield r.value
  })()
  if (isArray) yield* jsonArrayElements(replay)
  else yield* ndjsonLines(replay)
}

async function* ndjsonLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<ReaderEntry> {
  const lines = createInterface({ input: Readable.from(source), crlfDelay: Infinity })
  let line = 0
  for await (const text of lines) {
    line++
    if (text.trim() === '') continue
    try {
      yield { line, value: JSON.parse(text) as unknown }
    } catch {
      yield { line, error: 'invalid JSON' }
    }
  }
}

/**
 * The elements of a top-level JSON array, one at a time: a small scanner tracks strings,
 * escapes and nesting depth and hands each complete element's text to JSON.parse.
 */
export async function* jsonArrayElements(source: AsyncIterable<Buffer | string>): AsyncGenerator<ReaderEntry> {
  // Decodes across chunk boundaries (a multi-byte character may be split between chunks).
  const decoder = new StringDecoder('utf8')
  let started = false
  let ended = false
  let depth = 0
  let inString = false
  let escaped = false
  let element: string[] = []
  let line = 1
  let elementLine = 1
  let elementSeen = false
  const finish = function* (text: string): Generator<ReaderEntry> {
    const t = text.trim()
    if (t === '') return
    try {
      yield { line: elementLine, value: JSON.parse(t) as unknown }
    } catch {
      yield { line: elementLine, error: 'invalid JSON' }
    }
  }
  for await (const chunk of source) {
    const s = typeof chunk === 'string' ? chunk : decoder.write(chunk)
    let segmentStart = 0
    for (let i = 0; i < s.length && !ended; i++) {
      const c = s.charCodeAt(i)
      if (c === 10) line++
      if (!started) {
        if (c === 91 /* [ */) {
          started = true
          segmentStart = i + 1
        }
        continue
      }
      if (inString) {
        if (escaped) escaped = false
        else if (c === 92 /* \ */) escaped = true
        else if (c === 34 /* " */) inString = false
        continue
      }
      // An element's line is where its text starts, not where the comma before it was.
      if (depth === 0 && !elementSeen && c > 32 && c !== 44 && c !== 93) {
        elementSeen = true
        elementLine = line
      }
      if (c === 34) inString = true
      else if (c === 123 || c === 91) depth++
      else if (c === 125 || (c === 93 && depth > 0)) depth--
      else if (depth === 0 && (c === 44 /* , */ || c === 93) /* ] */) {
        element.push(s.slice(segmentStart, i))
        yield* finish(element.join(''))
        element = []
        elementSeen = false
        segmentStart = i + 1
        if (c === 93) ended = true
      }
    }
    // Keep the unfinished element's text for the next chunk.
    if (started && !ended) element.push(s.slice(segmentStart))
  }
  if (started && !ended) yield { line: elementLine, error: 'unterminated JSON array' }
}
