// npm run export:open311 -- --jurisdiction SLUG [--since 2026-01-01] [--locale id|en] > requests.ndjson
// Writes a jurisdiction's public requests as Open311 GeoReport v2 records, one JSON object a
// line, to stdout (ADR 020): no confidential or misconduct reports, no contact data, points
// rounded as on public pages. `npm run import:open311 -- --create …` reads the file back.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseOpen311Date } from '../../app/domain/open311-record'
import { exportOpen311Lines, UnknownJurisdictionError } from '../../app/services/open311-export.server'
import { argValue, openFromEnv } from './open'

const USAGE = 'Usage: npm run export:open311 -- --jurisdiction SLUG [--since YYYY-MM-DD] [--locale id|en] > file.ndjson'
function fail(message: string): never {
  console.error(message)
  console.error(USAGE)
  process.exit(2)
}

const slug = argValue('jurisdiction')
const sinceArg = argValue('since')
const locale = argValue('locale') ?? 'id'
if (!slug) fail('--jurisdiction is required')
if (locale !== 'id' && locale !== 'en') fail('--locale must be id or en')
const since = sinceArg === undefined ? undefined : parseOpen311Date(sinceArg)
if (since === null) fail(`--since must be a date like 2026-01-01, got "${sinceArg}"`)

const database = await openFromEnv()
try {
  await pipeline(
    Readable.from(
      exportOpen311Lines(database.db, {
        jurisdictionSlug: slug,
        since,
        locale,
        origin: process.env.APP_BASE_URL ? new URL(process.env.APP_BASE_URL).origin : null,
      }),
    ),
    process.stdout,
  )
} catch (error) {
  if (!(error instanceof UnknownJurisdictionError)) throw error
  console.error(error.message)
  process.exitCode = 1
} finally {
  await database.close()
}
