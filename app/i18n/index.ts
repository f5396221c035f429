// UI strings live in dictionaries (Bahasa Indonesia is the default, English the
// alternative). `{name}` placeholders are filled by `fill()`.
// The browser build swaps this module for ./client.ts (vite.config.ts), which loads
// English only for English pages: both dictionaries are ~27 KB of a page's JavaScript.
import { en } from './en'
import { id, type Dictionary } from './id'
import type { Locale } from './locales'

export { DEFAULT_LOCALE, fill, isLocale, LOCALES, type Locale } from './locales'
export type { Dictionary }

const dictionaries: Record<Locale, Dictionary> = { id, en }

export function getDictionary(locale: Locale): Dictionary {
  return dictionaries[locale]
}

/** The browser's ./client.ts loads dictionary parts on demand; the server has them all. */
export async function loadDictionary(_locale: Locale, _staff = false): Promise<void> {}
