// The WhatsApp filing conversation (issue 8 §6, ADR 024), as a pure state machine:
// category → description → location → photo (optional) → confirm. Each inbound message
// moves it one step or repeats the question; "batal" ends it anywhere; 30 minutes of
// silence ends it too. The service does the I/O (finding the kelurahan of a shared
// location, downloading a photo) before calling `advance`, and files the report when
// the outcome says so. Replies are dictionary keys, rendered in the citizen's language.
import type { Privacy, WhatsAppStep } from './vocabulary'

export const CONVERSATION_IDLE_MS = 30 * 60_000
export const MIN_DESCRIPTION = 10
export const MAX_DESCRIPTION = 5000

export interface StoredPhotoRef {
  storageKey: string
  contentType: 'image/jpeg'
  sizeBytes: number
  width: number
  height: number
}

export interface Conversation {
  step: WhatsAppStep
  locale: 'id' | 'en'
  categoryId: number | null
  description: string | null
  areaId: number | null
  lat: number | null
  lng: number | null
  photo: StoredPhotoRef | null
  privacy: Privacy
  startedAt: Date
  updatedAt: Date
}

export type Inbound =
  | { kind: 'text'; text: string }
  /** A shared location; locatedAreaId is the kelurahan containing it, null when outside the jurisdiction. */
  | { kind: 'location'; lat: number; lng: number; locatedAreaId: number | null }
  /** A photo, already re-encoded and stored; null when it could not be read as an image. */
  | { kind: 'image'; photo: StoredPhotoRef | null }
  | { kind: 'other' }

export type ReplyKey =
  | 'welcome'
  | 'expired'
  | 'categoryList'
  | 'categoryInvalid'
  | 'askDescription'
  | 'descriptionTooShort'
  | 'descriptionTooLong'
  | 'askLocation'
  | 'locationOutside'
  | 'kelurahanUnknown'
  | 'kelurahanAmbiguous'
  | 'locationFound'
  | 'askPhoto'
  | 'photoUnreadable'
  | 'summary'
  | 'confirmInvalid'
  | 'cancelled'

export interface Reply {
  key: ReplyKey
  vars?: Record<string, string | number>
}

export interface Choice {
  id: number
  name: string
}

export interface ConversationContext {
  /** Active categories in the order they are listed (the number the citizen types is the position). */
  categories: Choice[]
  kelurahan: Choice[]
  now: Date
}

export interface Outcome {
  /** The conversation after this message; null when it ended (cancelled or filed). */
  next: Conversation | null
  replies: Reply[]
  /** File the report from `conversation` (the state before it ended). */
  file: Conversation | null
  /** A stored photo nobody will use any more (replaced or cancelled): delete its file. */
  discardPhoto: string | null
}

const CANCEL = new Set(['batal', 'cancel', 'stop', 'berhenti'])
const SKIP = new Set(['lewati', 'skip', 'tidak', 'tdk', 'gak', 'nggak', 'no', 'tanpa foto'])
const YES = new Set(['ya', 'iya', 'y', 'yes', 'ok', 'oke', 'kirim', 'benar'])
/** At the confirm step the citizen may keep the report from the public, or their name from staff. */
const PRIVACY_WORDS: Record<string, Privacy> = {
  rahasia: 'confidential',
  confidential: 'confidential',
  anonim: 'anonymous',
  anonymous: 'anonymous',
  publik: 'public',
  public: 'public',
}
const LANGUAGE: Record<string, 'id' | 'en'> = { english: 'en', inggris: 'en', indonesia: 'id', bahasa: 'id' }

function words(text: string) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '')
}

export function isExpired(conversation: Conversation, now: Date): boolean {
  return now.getTime() - conversation.updatedAt.getTime() > CONVERSATION_IDLE_MS
}

export function listCategories(categories: Choice[]): Reply {
  return { key: 'categoryList', vars: { list: categories.map((c, i) => `${i + 1}. ${c.name}`).join('\n') } }
}

function normalizeArea(name: string) {
  return name
    .toLowerCase()
    .replace(/^\s*(kelurahan|kel\.?|desa)\s+/, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A kelurahan named in words: an exact name wins, else a single partial match. */
export function matchKelurahan(text: string, kelurahan: Choice[]): { match: Choice } | { ambiguous: Choice[] } | null {
  const wanted = normalizeArea(text)
  if (wanted.length < 3) return null
  const exact = kelurahan.filter((k) => normalizeArea(k.name) === wanted)
  if (exact.length === 1) return { match: exact[0]! }
  const partial = kelurahan.filter((k) => normalizeArea(k.name).includes(wanted))
  if (partial.length === 1) return { match: partial[0]! }
  if (partial.length > 1) return { ambiguous: partial.slice(0, 8) }
  return null
}

function summary(c: Conversation, ctx: ConversationContext): Reply {
  const category = ctx.categories.find((x) => x.id === c.categoryId)?.name ?? '-'
  const area = ctx.kelurahan.find((x) => x.id === c.areaId)?.name ?? '-'
  const description = (c.description ?? '').length > 200 ? `${c.description!.slice(0, 197)}…` : (c.description ?? '')
  return { key: 'summary', vars: { category, description, kelurahan: area, photo: c.photo ? 1 : 0, privacy: c.privacy } }
}

function question(c: Conversation, ctx: ConversationContext): Reply[] {
  switch (c.step) {
    case 'category':
      return [listCategories(ctx.categories)]
    case 'description':
      return [{ key: 'askDescription', vars: { category: ctx.categories.find((x) => x.id === c.categoryId)?.name ?? '' } }]
    case 'location':
      return [{ key: 'askLocation' }]
    case 'photo':
      return [{ key: 'askPhoto' }]
    case 'confirm':
      return [summary(c, ctx)]
  }
}

function fresh(now: Date, locale: 'id' | 'en'): Conversation {
  return {
    step: 'category',
    locale,
    categoryId: null,
    description: null,
    areaId: null,
    lat: null,
    lng: null,
    photo: null,
    privacy: 'public',
    startedAt: now,
    updatedAt: now,
  }
}

export function advance(current: Conversation | null, message: Inbound, ctx: ConversationContext): Outcome {
  const none = { file: null, discardPhoto: null }
  const expired = current !== null && isExpired(current, ctx.now)
  if (current === null || expired) {
    const next = fresh(ctx.now, current?.locale ?? 'id')
    const greeting: Reply = { key: expired ? 'expired' : 'welcome' }
    // A photo taken before the conversation lapsed belongs to nothing any more.
    const discardPhoto = current?.photo?.storageKey ?? null
    // The only thing worth keeping from a first message is a "batal": nothing to cancel.
    if (message.kind === 'text' && CANCEL.has(words(message.text))) return { next: null, replies: [{ key: 'cancelled' }], file: null, discardPhoto }
    return { next, replies: [greeting, listCategories(ctx.categories)], file: null, discardPhoto }
  }
  const c: Conversation = { ...current, updatedAt: ctx.now }
  const stay = (replies: Reply[]): Outcome => ({ next: c, replies, ...none })

  if (message.kind === 'text') {
    const said = words(message.text)
    if (CANCEL.has(said)) return { next: null, replies: [{ key: 'cancelled' }], file: null, discardPhoto: c.photo?.storageKey ?? null }
    const language = LANGUAGE[said]
    if (language) {
      const next = { ...c, locale: language }
      return { next, replies: question(next, ctx), ...none }
    }
  }

  switch (c.step) {
    case 'category': {
      const n = message.kind === 'text' ? Number(words(message.text)) : NaN
      const category = Number.isInteger(n) ? ctx.categories[n - 1] : undefined
      if (!category) return stay([{ key: 'categoryInvalid' }, listCategories(ctx.categories)])
      const next = { ...c, step: 'description' as const, categoryId: category.id }
      return { next, replies: question(next, ctx), ...none }
    }
    case 'description': {
      if (message.kind !== 'text') return stay(question(c, ctx))
      const text = message.text.trim()
      if (text.length < MIN_DESCRIPTION) return stay([{ key: 'descriptionTooShort', vars: { min: MIN_DESCRIPTION } }])
      if (text.length > MAX_DESCRIPTION) return stay([{ key: 'descriptionTooLong', vars: { max: MAX_DESCRIPTION } }])
      const next = { ...c, step: 'location' as const, description: text }
      return { next, replies: question(next, ctx), ...none }
    }
    case 'location': {
      if (message.kind === 'location') {
        if (message.locatedAreaId === null) return stay([{ key: 'locationOutside' }])
        const next = { ...c, step: 'photo' as const, areaId: message.locatedAreaId, lat: message.lat, lng: message.lng }
        const name = ctx.kelurahan.find((k) => k.id === message.locatedAreaId)?.name ?? ''
        return { next, replies: [{ key: 'locationFound', vars: { kelurahan: name } }, ...question(next, ctx)], ...none }
      }
      if (message.kind !== 'text') return stay(question(c, ctx))
      const found = matchKelurahan(message.text, ctx.kelurahan)
      if (!found) return stay([{ key: 'kelurahanUnknown' }])
      if ('ambiguous' in found) return stay([{ key: 'kelurahanAmbiguous', vars: { list: found.ambiguous.map((k) => `- ${k.name}`).join('\n') } }])
      const next = { ...c, step: 'photo' as const, areaId: found.match.id, lat: null, lng: null }
      return { next, replies: [{ key: 'locationFound', vars: { kelurahan: found.match.name } }, ...question(next, ctx)], ...none }
    }
    case 'photo': {
      if (message.kind === 'image') {
        if (!message.photo) return stay([{ key: 'photoUnreadable' }])
        const next = { ...c, step: 'confirm' as const, photo: message.photo }
        return { next, replies: question(next, ctx), file: null, discardPhoto: c.photo?.storageKey ?? null }
      }
      if (message.kind === 'text' && SKIP.has(words(message.text))) {
        const next = { ...c, step: 'confirm' as const }
        return { next, replies: question(next, ctx), ...none }
      }
      return stay(question(c, ctx))
    }
    case 'confirm': {
      if (message.kind === 'text' && YES.has(words(message.text))) return { next: null, replies: [], file: c, discardPhoto: null }
      const privacy = message.kind === 'text' ? PRIVACY_WORDS[words(message.text)] : undefined
      if (privacy) {
        const next = { ...c, privacy }
        return { next, replies: question(next, ctx), ...none }
      }
      return stay([{ key: 'confirmInvalid' }])
    }
  }
}
