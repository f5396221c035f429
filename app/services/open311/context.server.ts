// What every Open311 call needs: the jurisdiction (jurisdiction_id = slug or Open311 id;
// absent = the jurisdiction the host serves, today DEFAULT_JURISDICTION; ADR 019), the
// answer's language (`locale`, then Accept-Language) and the public origin for links.
import { chooseLocale, type Open311Locale } from '~/domain/open311'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { findOpen311Jurisdiction } from '~/models/open311.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { Open311Error } from './respond.server'

export interface Open311Context {
  jurisdiction: { id: number; slug: string; name: string; time_zone: string; code_prefix: string; open311_id: string }
  locale: Open311Locale
  t: Dictionary
  /** Absolute links (media_url, the tracking page) start here. */
  origin: string
}

/** The answer's language only: errors found before the jurisdiction is known need it. */
export function open311Locale(request: Request, localeParam: string | null) {
  const locale = chooseLocale(localeParam, request.headers.get('Accept-Language'))
  return { locale, t: getDictionary(locale) }
}

export async function open311Context(request: Request, param: (name: string) => string | null): Promise<Open311Context> {
  const { locale, t } = open311Locale(request, param('locale'))
  const given = param('jurisdiction_id')?.trim()
  let jurisdiction: Open311Context['jurisdiction'] | undefined
  if (given) {
    jurisdiction = given.length <= 100 ? await findOpen311Jurisdiction(await getDb(), given) : undefined
    if (!jurisdiction) throw new Open311Error(400, t.open311.jurisdictionUnknown)
  } else {
    const served = await getPublicJurisdiction(request)
    jurisdiction = await findOpen311Jurisdiction(await getDb(), served.slug)
    if (!jurisdiction) throw new Open311Error(400, t.open311.jurisdictionRequired)
  }
  const base = getEnv().APP_BASE_URL
  const origin = base ? new URL(base).origin : new URL(request.url).origin
  return { jurisdiction, locale, t, origin }
}

export function badParameter(t: Dictionary, name: string, reason?: string): Open311Error {
  return new Open311Error(400, reason ? fill(t.open311.badParameterReason, { name, reason }) : fill(t.open311.badParameter, { name }))
}
