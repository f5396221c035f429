// UI strings live in dictionaries (Bahasa Indonesia is the default, English the
// alternative). `{name}` placeholders are filled by `fill()`.
import { en } from './en'
import { id, type Dictionary } from './id'

export const LOCALES = ['id', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'id'
export type { Dictionary }

const dictionaries: Record<Locale, Dictionary> = { id, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function getDictionary(locale: Locale): Dictionary {
  return dictionaries[locale]
}

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in vars ? String(vars[key]) : match))
}
