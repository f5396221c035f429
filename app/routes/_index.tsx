import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { TrackForm } from '~/components/track-form'
import { fill } from '~/i18n'
import { getStats } from '~/models/metric-stats.server'
import { cachedStats } from '~/models/public-stats-cache.server'
import { getReadDb } from '~/utils/db.server'
import { localDateString } from '~/utils/local-date'
import { formatHours, formatNumber, formatPercent } from '~/utils/format'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { useLocale } from '~/utils/locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const jurisdiction = await getPublicJurisdiction(request)
  // The last 30 local days from the rollups, cached a minute: the busiest public page must
  // not scan reports (issue 10 §2). The figures' definitions are in docs/metrics.md.
  const now = new Date()
  const to = localDateString(now, jurisdiction.time_zone)
  const from = localDateString(new Date(now.getTime() - 29 * 86400_000), jurisdiction.time_zone)
  const db = await getReadDb()
  const [city] = await cachedStats(jurisdiction.id, `home:${from}:${to}`, () =>
    getStats(db, { jurisdictionId: jurisdiction.id, timeZone: jurisdiction.time_zone, dimension: 'city', from, to }),
  )
  const summary = {
    total: city?.reports ?? 0,
    onTimeShare: city?.onTimeResolutionShare ?? null,
    medianResponseHours: city?.medianHoursToFirstResponse ?? null,
    meanRating: city?.meanRating ?? null,
  }
  return { jurisdictionName: jurisdiction.name, summary }
}

export default function Home() {
  const { jurisdictionName, summary } = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  return (
    <>
      <h1>{t.home.heading}</h1>
      <p>{t.home.intro}</p>
      <p>
        <Link to="/lapor" className="button button-big">
          {t.home.reportButton}
        </Link>
      </p>

      <section aria-labelledby="track-heading">
        <h2 id="track-heading">{t.home.trackHeading}</h2>
        <TrackForm />
      </section>

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{fill(t.home.figuresHeading, { jurisdiction: jurisdictionName })}</h2>
        <dl className="figures">
          <div className="figure">
            <dt>{t.home.figureReports}</dt>
            <dd>{formatNumber(summary.total, locale)}</dd>
          </div>
          <div className="figure">
            <dt>{t.home.figureResolved}</dt>
            <dd>{formatPercent(summary.onTimeShare, locale)}</dd>
          </div>
          <div className="figure">
            <dt>{t.home.figureResponse}</dt>
            <dd>{formatHours(summary.medianResponseHours, locale)}</dd>
          </div>
          <div className="figure">
            <dt>{t.home.figureRating}</dt>
            <dd>{summary.meanRating === null ? '–' : `${formatNumber(summary.meanRating, locale, 1)} / 5`}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="how-heading">
        <h2 id="how-heading">{t.home.howHeading}</h2>
        <ol className="steps">
          <li>{t.home.how1}</li>
          <li>{t.home.how2}</li>
          <li>{t.home.how3}</li>
          <li>
            {t.home.how4} <Link to="/transparansi">{t.transparency.homeLink}</Link>
          </li>
        </ol>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
