import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useLocale } from '~/utils/locale'

/** The one error boundary: 404, 403 and 503 (database unavailable) get their own words; anything else a generic message. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useLocale()
  if (typeof document !== 'undefined' && !isRouteErrorResponse(error)) console.error(error)
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [heading, text] =
    status === 404
      ? [t.errors.notFoundHeading, t.errors.notFound]
      : status === 403
        ? [t.errors.forbiddenHeading, t.errors.forbidden]
        : status === 503
          ? [t.errors.unavailableHeading, t.errors.unavailable]
          : [t.errors.heading, t.errors.generic]
  return (
    <section className="error-page" aria-labelledby="error-heading">
      <h1 id="error-heading">{heading}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t.errors.backHome}</Link>
      </p>
    </section>
  )
}
