import { useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_LOCALE, getDictionary, type Locale } from '~/i18n'

interface RootData {
  locale: Locale
  timeZone: string
}

/** The current locale's dictionary and formatting context, from the root loader. */
export function useLocale() {
  const data = useRouteLoaderData('root') as RootData | undefined
  const locale = data?.locale ?? DEFAULT_LOCALE
  return { locale, t: getDictionary(locale), timeZone: data?.timeZone ?? 'Asia/Jakarta' }
}
