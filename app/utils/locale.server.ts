import { createCookie } from '@remix-run/node'
import { DEFAULT_LOCALE, isLocale, type Locale } from '~/i18n'

export const localeCookie = createCookie('lang', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: 60 * 60 * 24 * 365,
})

/** ?lang= wins (shareable links), then the cookie, then Indonesian. */
export async function getLocale(request: Request): Promise<Locale> {
  const fromQuery = new URL(request.url).searchParams.get('lang')
  if (isLocale(fromQuery)) return fromQuery
  const fromCookie = await localeCookie.parse(request.headers.get('Cookie'))
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE
}
