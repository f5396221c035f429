// The raw Boston records as the metric truth test reads them, to compute the expected
// figures by hand (no app code): the records themselves, and which of them the importer
// takes (a closed request whose closing time precedes its request time is refused).
import { gunzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'

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
