// Importing other cities' Open311 history (issue 9 §2, ADR 020). Records are checked one
// by one (domain/open311-record.ts) and written in batches: one INSERT … SELECT FROM
// json_to_recordset($1) … ON CONFLICT (jurisdiction_id, open311_id) DO UPDATE statement per
// batch writes the reports and, in the same statement, their events (set-based, as the
// simulator does). Each batch commits on its own; a strict import is one transaction, so a
// bad record leaves nothing behind.
//
// Idempotent: a record whose open311_id is already imported is updated only when its
// updated_datetime is newer than the stored one (reports.updated_at); else nothing changes.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { transition } from '~/domain/report-status'
import { importTrackingCode, parseOpen311Record, type ImportRecord } from '~/domain/open311-record'
import { invalidateRollups } from '~/models/metric-rollup.server'
import { openImportContext, Open311ImportError, type CreateJurisdiction, type ImportContext } from './open311-import-setup.server'
import type { ReaderEntry } from './open311-import-reader.server'

export { Open311ImportError } from './open311-import-setup.server'

type Db = Kysely<DB> | Transaction<DB>

export interface ImportOptions {
  jurisdictionSlug: string
  create?: CreateJurisdiction
  /** A bad record aborts the import and nothing is written. */
  strict?: boolean
  /** When the import runs (reports.imported_at, audit rows). */
  now?: Date
  /** Records per batch (and per transaction unless strict); default 2000. */
  batchSize?: number
  /** Batches written at once (PostgreSQL uses a second connection); default 2; strict imports use 1. */
  concurrency?: number
  /** After each written batch: records read so far. */
  onProgress?: (recordsRead: number) => void
}

export interface ImportResult {
  imported: number
  updated: number
  unchanged: number
  bad: { line: number; reason: string }[]
}

/**
 * Imports Open311 request records into a jurisdiction. `line` in `bad` is the record's
 * 1-based position in `records` (the CLI reports file line numbers through importOpen311Entries).
 */
export async function importOpen311Records(
  db: Kysely<DB>,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: { jurisdictionSlug: string; create?: { name: string; timeZone: string }; strict?: boolean; now?: Date },
): Promise<ImportResult> {
  async function* numbered(): AsyncGenerator<ReaderEntry> {
    let line = 0
    for await (const value of records) yield { line: ++line, value }
  }
  return importOpen311Entries(db, numbered(), options)
}

/** The same, over reader entries that carry their own line numbers (and JSON errors). */
export async function importOpen311Entries(db: Kysely<DB>, entries: AsyncIterable<ReaderEntry>, options: ImportOptions): Promise<ImportResult> {
  const now = options.now ?? new Date()
  const run = (exec: Db) => runImport(exec, entries, options, now)
  return options.strict ? db.transaction().execute(run) : run(db)
}

interface Pending {
  line: number
  record: ImportRecord
}

async function runImport(db: Db, entries: AsyncIterable<ReaderEntry>, options: ImportOptions, now: Date): Promise<ImportResult> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000))
  const result: ImportResult = { imported: 0, updated: 0, unchanged: 0, bad: [] }
  const ctx = await openImportContext(db, options.jurisdictionSlug, options.create, now)
  const refuse = (line: number, reason: string) => {
    if (options.strict) throw new Open311ImportError(`Line ${line}: ${reason} (--strict: nothing was imported)`)
    result.bad.push({ line, reason })
  }
  let read = 0
  let batch: Pending[] = []
  // Batches are checked in order, then written with up to `concurrency` in flight, so
  // the next batch is parsed and mapped (and, on PostgreSQL, written on a second
  // connection) while the database writes the previous one. A strict import is one
  // transaction on one connection: one at a time.
  const concurrency = db.isTransaction ? 1 : Math.max(1, Math.floor(options.concurrency ?? 2))
  const inFlight = new Set<Promise<void>>()
  let failure: { error: unknown } | null = null
  const flush = async () => {
    if (batch.length === 0) return
    const pending = batch
    const readSoFar = read
    batch = []
    const rows = await prepareRows(db, ctx, pending, refuse, result)
    const job = writeBatch(db, ctx, rows, now).then(
      (written) => {
        result.imported += written.inserted
        result.updated += written.updated
        result.unchanged += rows.length - written.inserted - written.updated
        options.onProgress?.(readSoFar)
      },
      (error: unknown) => {
        failure ??= { error }
      },
    )
    const tracked: Promise<void> = job.finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
    while (inFlight.size >= concurrency) await Promise.race(inFlight)
    if (failure) throw failure.error
  }
  for await (const entry of entries) {
    read++
    if ('error' in entry) {
      refuse(entry.line, entry.error)
      continue
    }
    const parsed = parseOpen311Record(entry.value)
    if (!parsed.ok) refuse(entry.line, parsed.reason)
    else batch.push({ line: entry.line, record: parsed.record })
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  await Promise.all(inFlight)
  if (failure) throw (failure as { error: unknown }).error
  // New reports reach the rollups by their ids (above the watermark), but an updated one
  // may change a day long past, with events dated then: rebuild this jurisdiction's rollups.
  if (result.updated > 0) await invalidateRollups(db, ctx.jurisdictionId)
  return result
}

/**
 * One batch in its own transaction (or the strict import's). Two batches in flight may
 * draw the same new tracking code; the loser's unique violation re-draws its codes.
 */
async function writeBatch(db: Db, ctx: ImportContext, rows: Row[], now: Date) {
  if (rows.length === 0) return { inserted: 0, updated: 0 }
  if (db.isTransaction) return writeRows(db, ctx, rows, now)
  for (let attempt = 0; ; attempt++) {
    try {
      return await (db as Kysely<DB>).transaction().execute(async (trx) => {
        // An import is re-runnable (idempotent): not waiting for each batch's WAL flush is
        // safe here, as a server crash can only lose the last batches, which a re-run writes.
        await sql`SET LOCAL synchronous_commit = off`.execute(trx)
        return writeRows(trx, ctx, rows, now)
      })
    } catch (error) {
      const clash = typeof error === 'object' && error !== null && (error as { constraint?: string }).constraint === 'reports_code_key'
      if (!clash || attempt >= 3) throw error
      await assignTrackingCodes(db, ctx, rows)
    }
  }
}

/** One row of the batch payload; keys are short to keep the JSON small (named once in RECORD). */
interface Row {
  o: string
  c: string
  g: number
  a: number | null
  la: number | null
  ln: number | null
  ad: string | null
  d: string
  s: 'submitted' | 'closed'
  u: number
  ct: number
  ut: number
  cl: number | null
  rd: number
  sd: number
  /** status_notes, media_url */
  n: string | null
  m: string | null
}

async function prepareRows(db: Db, ctx: ImportContext, batch: Pending[], refuse: (line: number, reason: string) => void, result: ImportResult): Promise<Row[]> {
  // One row per foreign id: a later duplicate in the same batch wins if it is newer
  // (ON CONFLICT DO UPDATE cannot touch a row twice in one statement).
  const byId = new Map<string, Row>()
  for (const { line, record: r } of batch) {
    const category = await ctx.category(db, r)
    if (!category) {
      refuse(line, `unknown service_code ${JSON.stringify(r.serviceCode)}`)
      continue
    }
    const unit = await ctx.unit(db, r, category)
    if (unit === null) {
      refuse(line, 'no unit for this record (no agency_responsible, no category default, no triage desk)')
      continue
    }
    const due = ctx.dueTimes(r.requestedAt, category)
    const row: Row = {
      o: r.open311Id,
      c: '',
      g: category.id,
      a: r.lat === null || r.lng === null ? null : ctx.areaAt({ lat: r.lat, lng: r.lng }),
      la: r.lat,
      ln: r.lng,
      ad: r.address,
      d: r.description,
      s: r.status === 'closed' ? 'closed' : 'submitted',
      u: unit,
      ct: r.requestedAt.getTime(),
      ut: r.updatedAt.getTime(),
      cl: r.closedAt?.getTime() ?? null,
      rd: due.response.getTime(),
      sd: due.resolution.getTime(),
      n: r.statusNotes,
      m: r.mediaUrl,
    }
    const earlier = byId.get(row.o)
    if (earlier) {
      result.unchanged++
      if (earlier.ut >= row.ut) continue
    }
    byId.set(row.o, row)
  }
  const rows = [...byId.values()]
  await assignTrackingCodes(db, ctx, rows)
  return rows
}

/**
 * Codes derive from the foreign id (domain importTrackingCode); a code another report
 * already holds is drawn again with the next attempt number. A re-imported record proposes
 * the code it has, which is not a clash (and ON CONFLICT leaves its code alone anyway).
 */
async function assignTrackingCodes(db: Db, ctx: ImportContext, rows: Row[]) {
  const attempt = new Map<Row, number>()
  let todo = rows
  const used = new Set<string>()
  for (let round = 0; todo.length > 0; round++) {
    if (round > 20) throw new Error('Could not find free tracking codes')
    for (const r of todo) {
      let n = attempt.get(r) ?? 0
      r.c = importTrackingCode(ctx.codePrefix, r.o, n)
      while (used.has(r.c)) r.c = importTrackingCode(ctx.codePrefix, r.o, ++n)
      attempt.set(r, n)
      used.add(r.c)
    }
    const holders = await sql<{ code: string; jurisdiction_id: number; open311_id: string | null }>`
      SELECT code, jurisdiction_id, open311_id FROM reports
      WHERE code IN (SELECT json_array_elements_text(${JSON.stringify(todo.map((r) => r.c))}::json))`.execute(db)
    const taken = new Map(holders.rows.map((h) => [h.code, h]))
    todo = todo.filter((r) => {
      const h = taken.get(r.c)
      if (!h || (h.jurisdiction_id === ctx.jurisdictionId && h.open311_id === r.o)) return false
      attempt.set(r, (attempt.get(r) ?? 0) + 1)
      return true
    })
  }
}

const RECORD = `o text, c text, g integer, a integer, la double precision, ln double precision, ad text, d text, s text,
  u integer, ct double precision, ut double precision, cl double precision, rd double precision, sd double precision, n text, m text`
/** The event a close writes, as the state machine says (a system close of a resolved report). */
const CLOSE_EVENT = transition('resolved', { type: 'close' }, 'system').eventType
const ts = (col: string) => `to_timestamp(x.${col} / 1000)`

/**
 * Writes one batch in one statement: the reports (inserted, or updated when newer) and
 * their events. `old` is read from the statement's snapshot, i.e. before this batch, so the
 * events are those of what changed: 'created' for a new report, 'resolved' and the close at
 * the closing time when it is (newly) closed, 'reopened' when a closed one is open again.
 * status_notes rides on the resolution when the record closes now, else it is a public
 * update at updated_datetime when it differs from the report's latest public note.
 * A row updated without an `old` (the same id inserted meanwhile by the other batch in
 * flight) gets no status events: its previous status is not known here.
 */
async function writeRows(trx: Db, ctx: ImportContext, rows: Row[], now: Date) {
  const j = ctx.jurisdictionId
  const result = await sql<{ inserted: number; updated: number }>`
    WITH x AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${sql.raw(RECORD)})
    ), old AS (
      -- One probe of the (jurisdiction_id, open311_id) key per record: LIMIT 1 keeps the planner
      -- from turning this into a scan of the jurisdiction's reports (its estimate of x is 100 rows),
      -- which made each batch cost O(reports already imported).
      SELECT r.id, r.status, note.body AS note FROM x
      CROSS JOIN LATERAL (SELECT r.id, r.status FROM reports r WHERE r.jurisdiction_id = ${j} AND r.open311_id = x.o LIMIT 1) r
      LEFT JOIN LATERAL (
        SELECT e.body FROM report_events e WHERE e.report_id = r.id AND e.visibility = 'public' AND e.body IS NOT NULL
        ORDER BY e.created_at DESC, e.id DESC LIMIT 1
      ) note ON true
    ), up AS (
      INSERT INTO reports AS r (code, jurisdiction_id, category_id, area_id, lat, lng, address, description, privacy, status,
        current_unit_id, source, created_at, updated_at, resolved_at, closed_at, response_due_at, resolution_due_at,
        open311_id, imported_at, media_url)
      SELECT x.c, ${j}, x.g, x.a, x.la, x.ln, x.ad, x.d, 'public', x.s, x.u, 'open311', ${sql.raw(ts('ct'))}, ${sql.raw(ts('ut'))},
        ${sql.raw(ts('cl'))}, ${sql.raw(ts('cl'))}, ${sql.raw(ts('rd'))}, ${sql.raw(ts('sd'))}, x.o, ${now}, x.m
      FROM x
      ON CONFLICT (jurisdiction_id, open311_id) DO UPDATE SET
        category_id = excluded.category_id, area_id = excluded.area_id, lat = excluded.lat, lng = excluded.lng,
        address = excluded.address, description = excluded.description, status = excluded.status,
        current_unit_id = excluded.current_unit_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
        resolved_at = excluded.resolved_at, closed_at = excluded.closed_at, response_due_at = excluded.response_due_at,
        resolution_due_at = excluded.resolution_due_at, imported_at = excluded.imported_at, media_url = excluded.media_url,
        version = r.version + 1,
        reopen_count = r.reopen_count + CASE WHEN r.status = 'closed' AND excluded.status <> 'closed' THEN 1 ELSE 0 END
      -- Only imported rows are ever overwritten, and only by newer data.
      WHERE r.imported_at IS NOT NULL AND excluded.updated_at > r.updated_at
      -- xmax = 0: this statement inserted the row (else it updated it). Unlike the old CTE, this also holds
      -- when a batch in flight on the other connection inserted the same id meanwhile.
      RETURNING r.id, r.open311_id, r.status, r.created_at, r.updated_at, r.closed_at, r.current_unit_id, (r.xmax = 0) AS inserted
    ), ch AS (
      SELECT up.*, x.n, old.status AS old_status, old.note AS old_note,
        COALESCE(up.status = 'closed' AND (up.inserted OR old.status <> 'closed'), false) AS closing
      FROM up JOIN x ON x.o = up.open311_id LEFT JOIN old ON old.id = up.id
    ), ev AS (
      INSERT INTO report_events (report_id, created_at, actor_kind, type, from_status, to_status, to_unit_id, body, visibility)
      SELECT ch.id, e.at, 'system', e.type, e.from_status, e.to_status, e.to_unit, e.body, 'public'
      FROM ch CROSS JOIN LATERAL (VALUES
        ('created', ch.created_at, NULL, 'submitted', ch.current_unit_id, NULL, ch.inserted),
        ('resolved', ch.closed_at, 'submitted', 'resolved', NULL, ch.n, ch.closing),
        (${CLOSE_EVENT}, ch.closed_at, 'resolved', 'closed', NULL, NULL, ch.closing),
        ('reopened', ch.updated_at, 'closed', 'submitted', NULL, NULL, ch.status <> 'closed' AND NOT ch.inserted AND ch.old_status = 'closed'),
        ('public_update', ch.updated_at, NULL, NULL, NULL, ch.n,
          ch.n IS NOT NULL AND NOT ch.closing AND (ch.inserted OR ch.n IS DISTINCT FROM ch.old_note))
      ) AS e(type, at, from_status, to_status, to_unit, body, wanted)
      WHERE e.wanted
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM up WHERE up.inserted)::int AS inserted,
           (SELECT count(*) FROM up WHERE NOT up.inserted)::int AS updated,
           (SELECT count(*) FROM ev)::int AS events`.execute(trx)
  const counts = result.rows[0]
  return { inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0 }
}
