// The nightly open-data dump of a jurisdiction (issue 9 §3, ADR 020): its public requests as
// Open311 GeoReport v2 records, one JSON object a line, gzipped. Written by the
// open-data.export job; public because it holds only what public pages show.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { openDataPath } from '~/services/open311-export.server'
import { getEnv } from '~/utils/env.server'

const notFound = () => new Response('Not found', { status: 404 })

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? ''
  // The slug becomes part of a file name: only the jurisdictions' slug alphabet passes.
  if (!/^[a-z0-9-]{2,60}$/.test(slug)) throw notFound()
  const path = openDataPath(getEnv().DATA_DIR, slug)
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) throw notFound()
  return new Response(createReadableStreamFromReadable(createReadStream(path)), {
    headers: {
      'Content-Type': 'application/gzip',
      'Content-Length': String(info.size),
      'Content-Disposition': `attachment; filename="${slug}-requests.ndjson.gz"`,
      'Last-Modified': info.mtime.toUTCString(),
      'Cache-Control': 'public, max-age=3600',
    },
  })
}
