// The browser's ~/i18n (vite.config.ts swaps it in for client builds only): Bahasa
// Indonesia, the default, is in the bundle; English is its own chunk, loaded by
// entry.client before hydrating an English page (ADR 028). Same API as ./index.ts.
import { id, type Dictionary } from './id'
import type { Locale } from './locales'

export { DEFAULT_LOCALE, fill, isLocale, LOCALES, type Locale } from './locales'
export type { Dictionary }

const loaded: Partial<Record<Locale, Dictionary>> = { id }

/** Loads a locale's dictionary; entry.client awaits it before hydrating. */
export async function loadDictionary(locale: Locale): Promise<void> {
  if (locale === 'en' && !loaded.en) loaded.en = (await import('./en')).en
}

export function getDictionary(locale: Locale): Dictionary {
  const dictionary = loaded[locale]
  if (dictionary) return dictionary
  // Not expected: the language changes by a full page load (/bahasa). Rather than render
  // the wrong language for long, load it and reload the page once it is there.
  void loadDictionary(locale).then(() => window.location.reload())
  return id
}
