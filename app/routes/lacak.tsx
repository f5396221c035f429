// Look-up by tracking code. Unknown and confidential codes get the same answer,
// so the page never reveals that a confidential report exists.
import { data, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { TrackForm } from '~/components/track-form'
import { normalizeTrackingCode } from '~/domain/tracking-code'
import { fill } from '~/i18n'
import { getPublicReport } from '~/models/report.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { waitText } from '~/utils/wait-text'
import { passRetryAfter } from '~/utils/headers'

// A 429's Retry-After reaches the page response.
export const headers = passRetryAfter()

export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get('kode') ?? ''
  // Counted before the look-up: guessing codes is what this limit stops.
  const limited = await consumeLimit('lookup', context)
  if (limited)
    return data({ raw, error: 'rate_limited' as const, retryAfterSeconds: limited.retryAfterSeconds }, { status: 429, headers: retryAfterHeaders(limited) })
  const code = normalizeTrackingCode(raw)
  if (!code) return { raw, error: 'invalid' as const, retryAfterSeconds: 0 }
  const found = await getPublicReport(await getDb(), code, null)
  if (found) throw redirect(`/laporan/${code}`)
  return { raw: code, error: 'not_found' as const, retryAfterSeconds: 0 }
}

export default function Track() {
  const { raw, error, retryAfterSeconds } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  return (
    <>
      <h1>{t.home.trackHeading}</h1>
      <div className="notice error" role="alert">
        {error === 'rate_limited'
          ? fill(t.limits.tooManyPlain, { wait: waitText(t, retryAfterSeconds) })
          : error === 'invalid'
            ? t.track.invalid
            : fill(t.track.notFound, { code: raw })}
      </div>
      <TrackForm defaultValue={raw} invalid />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
