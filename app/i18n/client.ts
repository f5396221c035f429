// The browser's ~/i18n (vite.config.ts swaps it in for client builds only): the public
// sections of Bahasa Indonesia, the default, are in the bundle. English, and the staff
// sections, are their own chunks, loaded before hydrating a page that needs them
// (entry.client) or before a navigation that signs staff in (root clientLoader; ADR 028).
// Same API as ./index.ts.
import { idPublic } from './id-public'
import type { Dictionary } from './id'
import type { Locale } from './locales'

export { DEFAULT_LOCALE, fill, isLocale, LOCALES, type Locale } from './locales'
export type { Dictionary }

type Part = 'public' | 'staff'
const loaded: Partial<Record<`${Locale}-${Part}`, object>> = { 'id-public': idPublic }

async function loadPart(locale: Locale, part: Part): Promise<object> {
  if (locale === 'en') return part === 'public' ? (await import('./en-public')).enPublic : (await import('./en-staff')).enStaff
  return part === 'public' ? idPublic : (await import('./id-staff')).idStaff
}

/** Loads a locale's dictionary (with its staff sections when `staff`); awaited before rendering. */
export async function loadDictionary(locale: Locale, staff = false): Promise<void> {
  const parts: Part[] = staff ? ['public', 'staff'] : ['public']
  await Promise.all(parts.map(async (part) => (loaded[`${locale}-${part}`] ??= await loadPart(locale, part))))
  delete merged[locale]
}

// One object per locale, so components and memos see a stable dictionary.
const merged: Partial<Record<Locale, Dictionary>> = {}

// Public pages never read the staff sections, so a dictionary without them is enough
// there; the cast keeps one Dictionary type for all code.
export function getDictionary(locale: Locale): Dictionary {
  const pub = loaded[`${locale}-public`]
  if (pub) return (merged[locale] ??= { ...pub, ...loaded[`${locale}-staff`] } as Dictionary)
  // Not expected: the language changes by a full page load (/bahasa). Rather than render
  // the wrong language for long, load it and reload the page once it is there.
  void loadDictionary(locale).then(() => window.location.reload())
  return getDictionary('id')
}
