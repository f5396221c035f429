import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { isLocale } from '~/i18n'
import { safeRedirect } from '~/utils/auth.server'
import { localeCookie } from '~/utils/locale.server'

/** Switches the UI language (a plain link, so it works without JavaScript). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = url.searchParams.get('lang')
  const next = safeRedirect(url.searchParams.get('next'), '/')
  if (!isLocale(lang)) throw redirect(next)
  throw redirect(next, { headers: { 'Set-Cookie': await localeCookie.serialize(lang) } })
}
