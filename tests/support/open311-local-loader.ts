// A minimal stand-in for the Open311 import (app/services/open311-import.server.ts,
// `importOpen311Records(db, records, { jurisdictionSlug, create: { name, timeZone } })`,
// written in parallel by the Open311 helper). The metric truth test needs imported rows
// only; when that import lands, call it instead of loadOpen311Records and delete this file.
// Rules it shares with the import contract (issue 10 §4): category code = service_code,
// unit key/short name = agency_responsible (Boston's file has none: one unit "BOS311"),
// an imported closed request is resolved at its closing time (updated_datetime).
import { gunzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'

export interface Open311Record {
  service_request_id: string
  status: 'open' | 'closed'
  service_name: string
  service_code: string
  requested_datetime: string
  updated_datetime: string | null
  agency_responsible?: string | null
}

export function readNdjsonGz(path: string): Open311Record[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Open311Record)
}

/** Whether a record is imported: a closing time before the request time is refused. */
export function importable(r: Open311Record) {
  if (r.status !== 'closed') return true
  return r.updated_datetime !== null && Date.parse(r.updated_datetime) >= Date.parse(r.requested_datetime)
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const code = (prefix: string, n: number) => {
  let s = ''
  for (let i = 0; i < 6; i++, n = Math.floor(n / ALPHABET.length)) s = ALPHABET[n % ALPHABET.length] + s
  return `${prefix}-${s}`
}

export async function loadOpen311Records(
  db: Kysely<DB>,
  records: Open311Record[],
  options: { jurisdictionSlug: string; create: { name: string; timeZone: string } },
) {
  const j = await db
    .insertInto('jurisdictions')
    .values({
      slug: options.jurisdictionSlug,
      name: options.create.name,
      code: '99.01',
      time_zone: options.create.timeZone,
      code_prefix: 'BOS',
      open311_id: `${options.jurisdictionSlug}.open311`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const units = new Map<string, number>()
  const categories = new Map<string, number>()
  let n = 0
  for (const r of records.filter(importable)) {
    const agency = r.agency_responsible || 'BOS311'
    let unitId = units.get(agency)
    if (!unitId) {
      const key = agency
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 60)
      unitId = (
        await db
          .insertInto('units')
          .values({ jurisdiction_id: j.id, key, name: agency, short_name: agency, kind: 'dinas' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      units.set(agency, unitId)
    }
    let categoryId = categories.get(r.service_code)
    if (!categoryId) {
      categoryId = (
        await db
          .insertInto('categories')
          .values({
            jurisdiction_id: j.id,
            code: r.service_code,
            group_code: 'open311',
            name_id: r.service_name,
            name_en: r.service_name,
            description_id: r.service_name,
            description_en: r.service_name,
            default_unit_id: unitId,
            privacy_rule: 'citizen_choice',
            response_target: 48,
            response_clock: 'calendar_hours',
            resolution_target: 240,
            resolution_clock: 'calendar_hours',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      categories.set(r.service_code, categoryId)
    }
    const created = new Date(r.requested_datetime)
    const closed = r.status === 'closed' ? new Date(r.updated_datetime!) : null
    await db
      .insertInto('reports')
      .values({
        code: code('BOS', n++),
        jurisdiction_id: j.id,
        category_id: categoryId,
        description: `${r.service_name} (Open311 ${r.service_request_id})`.padEnd(10, '.'),
        privacy: 'public',
        source: 'open311',
        status: closed ? 'closed' : 'submitted',
        current_unit_id: unitId,
        created_at: created,
        resolved_at: closed,
        closed_at: closed,
        response_due_at: new Date(created.getTime() + 48 * 3600_000),
        resolution_due_at: new Date(created.getTime() + 240 * 3600_000),
      })
      .execute()
  }
  return { jurisdictionId: j.id, imported: n }
}
