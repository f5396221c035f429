// Nightly open-data dump (issue 9 §3, ADR 020): each jurisdiction's public requests as
// Open311 ndjson.gz under <DATA_DIR>/open-data/, served at /data/{slug}/requests.ndjson.gz.
// Each file is written beside its name and renamed into place, so a retry or a second
// run simply replaces it.
import { writeOpenDataDump } from '~/services/open311-export.server'
import { getEnv } from '~/utils/env.server'
import type { JobDefinition } from './types'

export const openDataExportJob: JobDefinition = {
  name: 'open-data.export',
  // 19:17 UTC = 02:17 WIB: a quiet hour in Indonesia (pg-boss cron is UTC).
  cron: '17 19 * * *',
  options: { retryLimit: 2, expireInSeconds: 3600 },
  async handler(_data, { db, log }) {
    const jurisdictions = await db.selectFrom('jurisdictions').select('slug').orderBy('id').execute()
    for (const j of jurisdictions) {
      const base = getEnv().APP_BASE_URL
      // media_url of our own photos needs the public origin (as Open311 answers use it).
      const path = await writeOpenDataDump(db, getEnv().DATA_DIR, j.slug, base ? new URL(base).origin : null)
      log('open data written', { slug: j.slug, path })
    }
  },
}
