// npm run import:open311 -- --jurisdiction SLUG [--create --name "…" --tz America/New_York] [--strict] [--batch-size 2000] FILE
// Imports Open311 GeoReport v2 request records (ndjson, ndjson.gz or a JSON array, streamed)
// into the database named by DATABASE_URL (ADR 020). Bad records are listed at the end with
// their line numbers; --strict stops at the first one and writes nothing.
import { statSync } from 'node:fs'
import { importOpen311Entries, Open311ImportError, type ImportResult } from '../../app/services/open311-import.server'
import { readOpen311File } from '../../app/services/open311-import-reader.server'
import { argValue, openFromEnv } from './open'

const USAGE = 'Usage: npm run import:open311 -- --jurisdiction SLUG [--create --name "City" --tz Area/City] [--strict] [--batch-size 2000] FILE'
const FLAGS_WITH_VALUE = new Set(['--jurisdiction', '--name', '--tz', '--batch-size'])

function fail(message: string): never {
  console.error(message)
  console.error(USAGE)
  process.exit(2)
}

const args = process.argv.slice(2)
const positional = args.filter((a, i) => !a.startsWith('--') && !FLAGS_WITH_VALUE.has(args[i - 1] ?? ''))
const file = positional.at(-1)
const slug = argValue('jurisdiction')
const create = args.includes('--create')
const name = argValue('name')
const tz = argValue('tz')
const batchSize = Number(argValue('batch-size') ?? 2000)
if (!file || positional.length !== 1) fail('Give exactly one FILE')
if (!slug) fail('--jurisdiction is required')
if (create && (!name || !tz)) fail('--create needs --name and --tz')
if (!Number.isInteger(batchSize) || batchSize < 1) fail('--batch-size must be a positive integer')
let size = 0
try {
  size = statSync(file).size
} catch {
  fail(`Cannot read ${file}`)
}

const database = await openFromEnv()
const started = performance.now()
const opened = readOpen311File(file)
// Progress only on a terminal: a log file gets the summary alone.
const tty = process.stderr.isTTY
let lastDraw = 0
let result: ImportResult
try {
  result = await importOpen311Entries(database.db, opened.entries, {
    jurisdictionSlug: slug,
    create: create && name && tz ? { name, timeZone: tz } : undefined,
    strict: args.includes('--strict'),
    batchSize,
    onProgress(read) {
      const t = performance.now()
      if (!tty || t - lastDraw < 500) return
      lastDraw = t
      const seconds = (t - started) / 1000
      const fraction = size > 0 ? opened.bytesRead() / size : 0
      const eta = fraction > 0 ? (seconds / fraction - seconds).toFixed(0) : '?'
      process.stderr.write(`\r  ${read} records, ${Math.round(read / seconds)}/s, ${Math.round(fraction * 100)}%, ETA ${eta} s   `)
    },
  })
} catch (error) {
  if (tty) process.stderr.write('\n')
  await database.close()
  if (error instanceof Open311ImportError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
if (tty) process.stderr.write('\n')
await database.close()
const seconds = (performance.now() - started) / 1000
const total = result.imported + result.updated + result.unchanged
console.log(
  `Done in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 0.001))} records/s): ${result.imported} imported, ${result.updated} updated, ${result.unchanged} unchanged, ${result.bad.length} bad`,
)
for (const b of result.bad.slice(0, 100)) console.log(`  line ${b.line}: ${b.reason}`)
if (result.bad.length > 100) console.log(`  … and ${result.bad.length - 100} more`)
