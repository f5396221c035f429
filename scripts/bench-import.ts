// npm run bench:import -- [--file PATH] [--limit N] [--batch-size 2000]
// Issue 9 §2: the Open311 import's throughput against a plain COPY of the same rows.
// On a scratch PostgreSQL database (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the
// local server; dropped afterwards):
//  1. import the file into a new jurisdiction (--create), as `npm run import:open311` does;
//  2. COPY the same records' raw fields (12 columns, text/timestamptz/float) into a bare
//     table without indexes, streaming from the same file (read, gunzip and JSON.parse
//     included in both timings, so the ratio compares the database work plus our mapping).
// Prints both rates in records per second and the ratio import/COPY (goal ≥ 0.25).
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { readOpen311File, type ReaderEntry } from '../app/services/open311-import-reader.server'
import { importOpen311Entries } from '../app/services/open311-import.server'
import { argValue } from '../db/cli/open'
import { openDatabase } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { createScratchDatabase } from '../db/scratch-database'
import { seedReferenceData } from '../db/seed'

const file = argValue('file') ?? '../shared/data/open311/boston_requests.ndjson.gz'
const limit = Number(argValue('limit') ?? Infinity)
const batchSize = Number(argValue('batch-size') ?? 2000)
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
if (!(limit > 0) || !Number.isInteger(batchSize) || batchSize < 1) {
  console.error('Usage: npm run bench:import -- [--file PATH] [--limit N] [--batch-size 2000]')
  process.exit(2)
}

async function* limited(entries: AsyncIterable<ReaderEntry>): AsyncGenerator<ReaderEntry> {
  let n = 0
  for await (const e of entries) {
    if (n++ >= limit) return
    yield e
  }
}

const COLUMNS = [
  ['service_request_id', 'text'],
  ['status', 'text'],
  ['status_notes', 'text'],
  ['service_name', 'text'],
  ['service_code', 'text'],
  ['description', 'text'],
  ['requested_datetime', 'timestamptz'],
  ['updated_datetime', 'timestamptz'],
  ['address', 'text'],
  ['lat', 'double precision'],
  ['long', 'double precision'],
  ['media_url', 'text'],
] as const

/** COPY text format: tab-separated, \N for NULL, backslash, tab and newlines escaped. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

const scratch = await createScratchDatabase(serverUrl, 'melayani_bench')
try {
  const database = await openDatabase(scratch.url, { poolSize: 2 })
  let importRate = 0
  let records = 0
  try {
    await migrateToLatest(database.db)
    await seedReferenceData(database.db)
    console.log(`Importing ${file}${Number.isFinite(limit) ? ` (first ${limit})` : ''} on PostgreSQL (${scratch.name})…`)
    const t0 = performance.now()
    const result = await importOpen311Entries(database.db, limited(readOpen311File(file).entries), {
      jurisdictionSlug: 'boston',
      create: { name: 'City of Boston', timeZone: 'America/New_York' },
      batchSize,
    })
    const seconds = (performance.now() - t0) / 1000
    records = result.imported + result.updated + result.unchanged + result.bad.length
    importRate = records / seconds
    console.log(
      `  import: ${records} records (${result.imported} imported, ${result.bad.length} bad) in ${seconds.toFixed(1)} s = ${Math.round(importRate)} records/s`,
    )
  } finally {
    await database.close()
  }

  const client = new pg.Client({ connectionString: scratch.url })
  await client.connect()
  try {
    await client.query(`CREATE TABLE open311_copy_bench (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`)
    const t0 = performance.now()
    let copied = 0
    // Rows go to the server in chunks of ~1,000 lines, not one write per row, so COPY runs at its pace.
    let lines: string[] = []
    const toCopyText = new Transform({
      writableObjectMode: true,
      transform(entry: ReaderEntry, _enc, done) {
        if (!('value' in entry) || typeof entry.value !== 'object' || entry.value === null) return done()
        const r = entry.value as Record<string, unknown>
        copied++
        lines.push(COLUMNS.map(([n]) => copyField(r[n])).join('\t') + '\n')
        if (lines.length < 1000) return done()
        const chunk = lines.join('')
        lines = []
        done(null, chunk)
      },
      flush(done) {
        done(null, lines.join(''))
      },
    })
    await pipeline(Readable.from(limited(readOpen311File(file).entries)), toCopyText, client.query(copyFrom(`COPY open311_copy_bench FROM STDIN`)))
    const seconds = (performance.now() - t0) / 1000
    const copyRate = copied / seconds
    console.log(`  COPY:   ${copied} rows in ${seconds.toFixed(1)} s = ${Math.round(copyRate)} rows/s`)
    console.log(`  ratio import/COPY = ${(importRate / copyRate).toFixed(2)} (goal ≥ 0.25)`)
  } finally {
    await client.end()
  }
} finally {
  await scratch.drop()
}
