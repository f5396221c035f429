// Bulk writing of one batch of generated reports, in its own transaction: one
// INSERT … SELECT FROM json_to_recordset($1) statement per table (see index.ts for why).
// Also gives the batch's pool entries their database ids, for duplicates in later batches.
import { sql, type Kysely } from 'kysely'
import type { DB } from '../types'
import type { SimReport } from './simulated-report'

// JSON keys are short to keep the batch payload small; `AS x(...)` names them once.
const REPORT_RECORD = `c text, g integer, a integer, la double precision, ln double precision, ad text, d text, p text,
  s text, rr text, u integer, au integer, ct double precision, ut double precision, fr double precision,
  rs double precision, cl double precision, rd double precision, sd double precision, ro integer, di integer,
  dc text, sc integer, v integer, o integer`
const REPORT_COLUMNS = `code, jurisdiction_id, category_id, area_id, lat, lng, address, description, privacy, status,
  reject_reason, current_unit_id, assigned_user_id, source, created_at, updated_at, first_response_at, resolved_at,
  closed_at, response_due_at, resolution_due_at, reopen_count, duplicate_of_id, supporter_count, version`
const ts = (col: string) => `to_timestamp(x.${col} / 1000)`
const reportSelect = (jid: number, duplicateOf: string) => `x.c, ${jid}, x.g, x.a, x.la, x.ln, x.ad, x.d, x.p, x.s,
  x.rr, x.u, x.au, 'simulated', ${ts('ct')}, ${ts('ut')}, ${ts('fr')}, ${ts('rs')},
  ${ts('cl')}, ${ts('rd')}, ${ts('sd')}, x.ro, ${duplicateOf}, x.sc, x.v`

const nn = <T>(v: T | null): T | undefined => (v === null ? undefined : v)

export async function writeBatch(db: Kysely<DB>, jurisdictionId: number, batch: SimReport[]): Promise<{ reports: number; events: number; ratings: number }> {
  // Duplicates of a report in this same batch are resolved in SQL by code (dc); originals
  // from earlier batches already have their id (di).
  const reportRows = batch.map((r, i) => {
    const dup = r.duplicateOf
    return {
      c: r.code,
      g: r.categoryId,
      a: nn(r.areaId),
      la: nn(r.lat),
      ln: nn(r.lng),
      ad: nn(r.address),
      d: r.description,
      p: r.privacy,
      s: r.status,
      rr: nn(r.rejectReason),
      u: r.unitId,
      au: nn(r.assignedUserId),
      ct: r.createdAt,
      ut: r.updatedAt,
      fr: nn(r.firstResponseAt),
      rs: nn(r.resolvedAt),
      cl: nn(r.closedAt),
      rd: r.responseDueAt,
      sd: r.resolutionDueAt,
      ro: r.reopenCount,
      di: dup && dup.id > 0 ? dup.id : undefined,
      dc: dup && dup.id === 0 ? dup.code : undefined,
      sc: r.supporterCount,
      v: r.version,
      o: i,
    }
  })

  return db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: number; code: string }>`
      WITH x AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(reportRows)}::json) AS x(${sql.raw(REPORT_RECORD)})
      ), plain AS (
        INSERT INTO reports (${sql.raw(REPORT_COLUMNS)})
        SELECT ${sql.raw(reportSelect(jurisdictionId, 'x.di'))} FROM x WHERE x.dc IS NULL ORDER BY x.o
        RETURNING id, code
      ), dups AS (
        INSERT INTO reports (${sql.raw(REPORT_COLUMNS)})
        SELECT ${sql.raw(reportSelect(jurisdictionId, 'plain.id'))} FROM x JOIN plain ON plain.code = x.dc ORDER BY x.o
        RETURNING id, code
      )
      SELECT id, code FROM plain UNION ALL SELECT id, code FROM dups`.execute(trx)
    const idByCode = new Map<string, number>()
    for (const row of inserted.rows) idByCode.set(row.code, row.id)
    if (idByCode.size !== batch.length) throw new Error(`Inserted ${idByCode.size} of ${batch.length} simulated reports`)

    const eventRows: object[] = []
    const ratingRows: object[] = []
    const ikmRows: object[] = []
    for (const r of batch) {
      const id = idByCode.get(r.code) as number
      if (r.poolEntry) r.poolEntry.id = id
      for (const e of r.events) {
        eventRows.push({
          r: id,
          t: e.t,
          k: e.actor,
          u: nn(e.user),
          y: e.type,
          f: nn(e.from),
          s: nn(e.to),
          fu: nn(e.fromUnit),
          tu: nn(e.toUnit),
          b: nn(e.body),
          v: e.visibility,
        })
      }
      if (r.rating) {
        ratingRows.push({ r: id, n: r.reopenCount + 1, s: r.rating.score, c: nn(r.rating.comment), f: r.rating.fixed, t: r.rating.t })
        if (r.ikm) {
          const [u1, u2, u3, u4, u5, u6, u7, u8, u9] = r.ikm
          ikmRows.push({ r: id, n: r.unitId, t: r.rating.t, u1, u2, u3, u4, u5, u6, u7, u8, u9 })
        }
      }
    }

    await sql`INSERT INTO report_events (report_id, created_at, actor_kind, actor_user_id, type, from_status, to_status, from_unit_id, to_unit_id, body, visibility)
      SELECT x.r, to_timestamp(x.t / 1000), x.k, x.u, x.y, x.f, x.s, x.fu, x.tu, x.b, x.v
      FROM json_to_recordset(${JSON.stringify(eventRows)}::json)
        AS x(r integer, t double precision, k text, u integer, y text, f text, s text, fu integer, tu integer, b text, v text)`.execute(trx)
    if (ratingRows.length > 0) {
      // The simulated reporter rates the last resolution (and thereby closes the report).
      await sql`INSERT INTO ratings (report_id, resolution_number, score, comment, fixed, created_at)
        SELECT x.r, x.n, x.s, x.c, x.f, to_timestamp(x.t / 1000)
        FROM json_to_recordset(${JSON.stringify(ratingRows)}::json) AS x(r integer, n integer, s smallint, c text, f text, t double precision)`.execute(trx)
    }
    if (ikmRows.length > 0) {
      await sql`INSERT INTO ikm_responses (jurisdiction_id, unit_id, report_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, created_at)
        SELECT ${jurisdictionId}, x.n, x.r, x.u1, x.u2, x.u3, x.u4, x.u5, x.u6, x.u7, x.u8, x.u9, to_timestamp(x.t / 1000)
        FROM json_to_recordset(${JSON.stringify(ikmRows)}::json)
          AS x(r integer, n integer, t double precision, u1 smallint, u2 smallint, u3 smallint, u4 smallint, u5 smallint,
               u6 smallint, u7 smallint, u8 smallint, u9 smallint)`.execute(trx)
    }
    return { reports: batch.length, events: eventRows.length, ratings: ratingRows.length }
  })
}
