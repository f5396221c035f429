// Filing by WhatsApp (issue 8 §6, ADR 024): each inbound message of the Cloud API
// webhook moves the citizen's conversation one step (app/domain/whatsapp-conversation.ts).
// The I/O the domain needs is done first (the kelurahan of a shared location; the photo,
// downloaded through the Media API and re-encoded like a web upload), then ONE transaction
// records the message id (a redelivered webhook changes nothing), saves the conversation
// and, on "ya", files the report exactly as the web form does, with source 'whatsapp' and
// the number as the reporter's private contact. The code and private link then reach the
// citizen through the outbox (report_received), like every other message; the replies
// inside the conversation are sent directly after the commit, best effort.
import { z } from 'zod'
import { normalizePhone } from '~/domain/phone'
import { advance, type Conversation, type Inbound, type Outcome, type Reply, type StoredPhotoRef } from '~/domain/whatsapp-conversation'
import { fill, getDictionary } from '~/i18n'
import { getJurisdictionBySlug, findKelurahanAt, listActiveCategories, listKelurahan } from '~/models/reference.server'
import { fileReport, ReportInputError } from '~/models/report.server'
import { claimInboundMessage, deleteConversation, getConversation, saveConversation, wasInboundHandled } from '~/models/whatsapp-conversation.server'
import { downloadWhatsAppMedia, sendWhatsAppText } from '~/notify/whatsapp-cloud.server'
import { sha256 } from '~/utils/crypto.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { deletePhotos, storePhoto } from '~/utils/photos.server'

// Only what filing needs; anything else in the payload (statuses, reactions) is ignored.
const message = z.object({
  id: z.string().min(1).max(200),
  from: z.string().regex(/^\d{5,17}$/),
  type: z.string(),
  text: z.object({ body: z.string().max(10_000) }).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  image: z.object({ id: z.string().max(200) }).optional(),
})
const webhook = z.object({
  entry: z.array(z.object({ changes: z.array(z.object({ value: z.object({ messages: z.array(z.unknown()).optional() }).passthrough() })) })).max(100),
})
export type InboundMessage = z.infer<typeof message>

/** The messages of a webhook payload that parse; malformed ones are skipped, never thrown on. */
export function inboundMessages(payload: unknown): InboundMessage[] {
  const parsed = webhook.safeParse(payload)
  if (!parsed.success) return []
  return parsed.data.entry.flatMap((e) =>
    e.changes.flatMap((c) => (c.value.messages ?? []).flatMap((m) => (message.safeParse(m).success ? [message.parse(m)] : []))),
  )
}

export async function handleWhatsAppWebhook(payload: unknown, now: () => Date = () => new Date()): Promise<number> {
  const messages = inboundMessages(payload)
  for (const m of messages) await handleMessage(m, now())
  return messages.length
}

async function whatsappJurisdiction() {
  const env = getEnv()
  const slug = env.WHATSAPP_JURISDICTION ?? env.DEFAULT_JURISDICTION
  const jurisdiction = await getJurisdictionBySlug(await getDb(), slug)
  if (!jurisdiction) throw new Error(`WHATSAPP_JURISDICTION ${slug} is not in the database`)
  return jurisdiction
}

async function fetchPhoto(mediaId: string): Promise<StoredPhotoRef | null> {
  try {
    const media = await downloadWhatsAppMedia(mediaId)
    if (!media) return null
    const stored = await storePhoto(new File([media.bytes], 'whatsapp-photo', { type: media.contentType }))
    return { storageKey: stored.storageKey, contentType: 'image/jpeg', sizeBytes: stored.sizeBytes, width: stored.width, height: stored.height }
  } catch (error) {
    logger().warn({ err: (error as Error).message }, 'whatsapp photo refused')
    return null
  }
}

async function handleMessage(m: InboundMessage, now: Date) {
  const phone = normalizePhone(`+${m.from}`)
  const db = await getDb()
  if (!phone || (await wasInboundHandled(db, m.id))) return
  const jurisdiction = await whatsappJurisdiction()
  const before = await getConversation(db, phone)
  const locale = before?.conversation.locale ?? 'id'

  let inbound: Inbound = { kind: 'other' }
  let downloaded: StoredPhotoRef | null = null
  if (m.type === 'text' && m.text) inbound = { kind: 'text', text: m.text.body }
  else if (m.type === 'location' && m.location) {
    const point = { lat: m.location.latitude, lng: m.location.longitude }
    const located = await findKelurahanAt(db, jurisdiction.id, point)
    inbound = { kind: 'location', ...point, locatedAreaId: located?.id ?? null }
  } else if (m.type === 'image' && m.image) {
    // Downloaded only when the conversation asks for a photo: nothing is fetched for nothing.
    if (before?.conversation.step === 'photo') downloaded = await fetchPhoto(m.image.id)
    inbound = { kind: 'image', photo: downloaded }
  }

  const [categories, kelurahan] = await Promise.all([listActiveCategories(db, jurisdiction.id), listKelurahan(db, jurisdiction.id)])
  const ctx = {
    categories: categories.map((c) => ({ id: c.id, name: locale === 'en' ? c.name_en : c.name_id })),
    kelurahan: kelurahan.map((k) => ({ id: k.id, name: k.name })),
    now,
  }

  let outcome: Outcome | null = null
  let filedCode: string | null = null
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await claimInboundMessage(trx, m.id, now))) return
      const current = await getConversation(trx, phone, { forUpdate: true })
      outcome = advance(current?.conversation ?? null, inbound, ctx)
      if (outcome.file) {
        filedCode = (await fileFrom(trx, outcome.file, phone, jurisdiction, now)).code
        await deleteConversation(trx, phone)
      } else if (outcome.next) await saveConversation(trx, phone, jurisdiction.id, outcome.next)
      else await deleteConversation(trx, phone)
    })
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error
    // The category or kelurahan went away between the question and "ya": start over.
    await db.transaction().execute(async (trx) => {
      await claimInboundMessage(trx, m.id, now)
      await deleteConversation(trx, phone)
    })
    await reply(phone, locale, [{ key: 'failed' }], jurisdiction.name, [])
    return
  }

  const result = outcome as Outcome | null
  const keep = result?.next?.photo?.storageKey ?? result?.file?.photo?.storageKey ?? null
  const unused = [downloaded?.storageKey, result?.discardPhoto].filter((k): k is string => Boolean(k) && k !== keep)
  if (unused.length) await deletePhotos(unused)
  if (!result) return
  const replyLocale = result.next?.locale ?? result.file?.locale ?? locale
  await reply(phone, replyLocale, result.replies, jurisdiction.name, filedCode ? [filedCode] : [])
}

function fileFrom(
  trx: Parameters<typeof fileReport>[0],
  c: Conversation,
  phone: string,
  jurisdiction: { id: number; time_zone: string; code_prefix: string },
  now: Date,
) {
  return fileReport(trx, {
    jurisdiction,
    categoryId: c.categoryId!,
    areaId: c.areaId!,
    description: c.description!,
    address: null,
    lat: c.lat,
    lng: c.lng,
    privacy: c.privacy,
    contact: { name: null, email: null, phone },
    // One conversation files once, whatever the redeliveries.
    idempotencyKey: `whatsapp:${sha256(`${phone}\n${c.startedAt.toISOString()}`)}`,
    browserId: sha256(`whatsapp:${phone}`),
    now,
    locale: c.locale,
    source: 'whatsapp',
    photos: c.photo ? [c.photo] : [],
  })
}

/** Renders the replies in the citizen's language and sends them as one message. */
async function reply(phone: string, locale: 'id' | 'en', replies: (Reply | { key: 'failed' })[], city: string, filedCodes: string[]) {
  const d = getDictionary(locale).whatsapp
  const parts = replies.map((r) => {
    const vars: Record<string, string | number> = { city, ...('vars' in r ? r.vars : {}) }
    if (r.key === 'summary') {
      vars.photoText = vars.photo ? d.photoYes : d.photoNo
      vars.privacyText = d.privacy[(vars.privacy as 'public' | 'anonymous' | 'confidential') ?? 'public']
    }
    return fill(d[r.key], vars)
  })
  for (const code of filedCodes) parts.push(fill(d.filed, { code }))
  if (!parts.length) return
  try {
    if (!(await sendWhatsAppText(phone, parts.join('\n\n')))) logger().warn('whatsapp reply refused by the API')
  } catch (error) {
    // The conversation is saved; the citizen's next message gets the question again.
    logger().warn({ err: (error as Error).message }, 'whatsapp reply failed')
  }
}
