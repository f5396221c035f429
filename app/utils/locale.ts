import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_LOCALE, getDictionary, isLocale, type Locale } from '~/i18n'

interface RootData {
  locale: Locale
  timeZone: string
}

/** The current locale's dictionary and formatting context, from the root loader. */
export function useLocale() {
  const data = useRouteLoaderData('root') as RootData | undefined
  // When the root loader itself failed (the database is down), its 503 answer carries
  // the user's language (app/utils/database-outage.server.ts).
  const error = useRouteError()
  const fromError = isRouteErrorResponse(error) ? (error.data as { locale?: unknown } | null)?.locale : undefined
  const locale = data?.locale ?? (isLocale(fromError) ? fromError : DEFAULT_LOCALE)
  return { locale, t: getDictionary(locale), timeZone: data?.timeZone ?? 'Asia/Jakarta' }
}
