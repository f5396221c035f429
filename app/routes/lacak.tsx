// Look-up by tracking code. Unknown and confidential codes get the same answer,
// so the page never reveals that a confidential report exists.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { TrackForm } from '~/components/track-form'
import { normalizeTrackingCode } from '~/domain/tracking-code'
import { fill } from '~/i18n'
import { getPublicReport } from '~/models/report.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get('kode') ?? ''
  const code = normalizeTrackingCode(raw)
  if (!code) return { raw, error: 'invalid' as const }
  const found = await getPublicReport(await getDb(), code, null)
  if (found) throw redirect(`/laporan/${code}`)
  return { raw: code, error: 'not_found' as const }
}

export default function Track() {
  const { raw, error } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  return (
    <>
      <h1>{t.home.trackHeading}</h1>
      <div className="notice error" role="alert">
        {error === 'invalid' ? t.track.invalid : fill(t.track.notFound, { code: raw })}
      </div>
      <TrackForm defaultValue={raw} invalid />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
