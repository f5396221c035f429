import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useLocale } from '~/utils/locale'

/** The one error boundary: 400, 403, 404, 413, 415 and 503 (database unavailable) get their own words; anything else a generic message. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useLocale()
  if (typeof document !== 'undefined' && !isRouteErrorResponse(error)) console.error(error)
  const status = isRouteErrorResponse(error) ? error.status : 500
  const words: Record<number, [string, string]> = {
    400: [t.errors.badRequestHeading, t.errors.badRequest],
    403: [t.errors.forbiddenHeading, t.errors.forbidden],
    404: [t.errors.notFoundHeading, t.errors.notFound],
    413: [t.errors.tooLargeHeading, t.errors.tooLarge],
    415: [t.errors.unsupportedHeading, t.errors.unsupported],
    503: [t.errors.unavailableHeading, t.errors.unavailable],
  }
  const [heading, text] = words[status] ?? [t.errors.heading, t.errors.generic]
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
