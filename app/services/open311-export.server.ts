// Open-data export of a jurisdiction's requests as Open311 GeoReport v2 records (issue 9 §3,
// ADR 020), in the format the importer reads, so that export → import reproduces them.
// Only what a public page shows: never confidential reports, never misconduct categories
// (they stay within the Inspektorat), never contact data (report_contacts is not read),
// points rounded as on public pages (none for anonymous reports). Streamed: keyset pages
// by report id, never the whole table in memory.
import { createWriteStream } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import { open311MediaUrl } from '~/domain/open311'
import { open311DateTime, type Open311ExportRecord } from '~/domain/open311-record'
import { publicPoint } from '~/domain/public-location'
import { open311Status } from '~/domain/report-status'
import { publicNotesAndPhotos } from '~/models/open311.server'

export interface ExportOptions {
  jurisdictionSlug: string
  /** Only reports updated at or after this time. */
  since?: Date
  /** service_name in Bahasa Indonesia (default) or English. */
  locale?: 'id' | 'en'
  pageSize?: number
  /** This server's base URL (APP_BASE_URL), for media_url of our own photos; without it only imported links are written. */
  origin?: string | null
}

export class UnknownJurisdictionError extends Error {}

export async function* exportOpen311Records(db: Kysely<DB>, options: ExportOptions): AsyncGenerator<Open311ExportRecord> {
  const j = await db.selectFrom('jurisdictions').select('id').where('slug', '=', options.jurisdictionSlug).executeTakeFirst()
  if (!j) throw new UnknownJurisdictionError(`Unknown jurisdiction "${options.jurisdictionSlug}"`)
  const pageSize = Math.max(1, options.pageSize ?? 1000)
  let after = 0
  for (;;) {
    let q = db
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .innerJoin('units as u', 'u.id', 'r.current_unit_id')
      .select([
        'r.id',
        'r.code',
        'r.status',
        'r.privacy',
        'r.description',
        'r.address',
        'r.lat',
        'r.lng',
        'r.created_at',
        'r.updated_at',
        'r.resolved_at',
        'r.closed_at',
        'r.resolution_due_at',
        'r.media_url',
        'c.code as category_code',
        'c.open311_code',
        'c.name_id',
        'c.name_en',
        'u.name as unit_name',
      ])
      .where('r.jurisdiction_id', '=', j.id)
      .where('r.privacy', '!=', 'confidential')
      .where('c.is_misconduct', '=', false)
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(pageSize)
    if (options.since) q = q.where('r.updated_at', '>=', options.since)
    const rows = await q.execute()
    const extras = await publicNotesAndPhotos(
      db,
      rows.map((r) => r.id),
    )
    for (const r of rows) {
      const extra = extras.get(r.id)
      const status = open311Status(r.status)
      const point = publicPoint(r, r.privacy)
      // A closed request's updated_datetime is its closing time (the resolution, else the
      // close): the importer reads the closing time from there.
      const updated = status === 'closed' ? (r.resolved_at ?? r.closed_at ?? r.updated_at) : r.updated_at
      yield {
        service_request_id: r.code,
        status,
        status_notes: extra?.note ?? null,
        service_name: options.locale === 'en' ? r.name_en : r.name_id,
        service_code: r.open311_code ?? r.category_code,
        description: r.description,
        agency_responsible: r.unit_name,
        requested_datetime: open311DateTime(r.created_at),
        updated_datetime: open311DateTime(updated),
        expected_datetime: open311DateTime(r.resolution_due_at),
        address: r.address,
        lat: point?.lat ?? null,
        long: point?.lng ?? null,
        media_url: open311MediaUrl(options.origin ?? null, extra?.photoKey ?? null, r.media_url),
      }
    }
    if (rows.length < pageSize) return
    after = (rows.at(-1) as { id: number }).id
  }
}

/** ndjson lines of the export. */
export async function* exportOpen311Lines(db: Kysely<DB>, options: ExportOptions): AsyncGenerator<string> {
  for await (const record of exportOpen311Records(db, options)) yield `${JSON.stringify(record)}\n`
}

/** Where the nightly dump of a jurisdiction lives: <DATA_DIR>/open-data/{slug}-requests.ndjson.gz. */
export function openDataPath(dataDir: string, slug: string) {
  return join(dataDir, 'open-data', `${slug}-requests.ndjson.gz`)
}

/**
 * Writes the gzipped dump next to its final name, then renames it over the old one, so
 * the public route never serves half a file.
 */
export async function writeOpenDataDump(db: Kysely<DB>, dataDir: string, slug: string, origin: string | null = null): Promise<string> {
  const path = openDataPath(dataDir, slug)
  await mkdir(join(dataDir, 'open-data'), { recursive: true })
  const partial = `${path}.partial`
  await pipeline(Readable.from(exportOpen311Lines(db, { jurisdictionSlug: slug, origin })), createGzip(), createWriteStream(partial))
  await rename(partial, path)
  return path
}
