// The parts of the WhatsApp Cloud API that filing by WhatsApp needs besides templates:
// free-text replies inside the conversation (allowed within 24 h of the citizen's own
// message), the media download (two steps: the media id gives a short-lived URL, the
// URL gives the bytes, both with the bearer token) and the webhook signature check.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv } from '~/utils/env.server'

const MAX_MEDIA_BYTES = 10 * 1024 * 1024

function api() {
  const env = getEnv()
  if (!env.WHATSAPP_API_URL || !env.WHATSAPP_PHONE_NUMBER_ID || !env.WHATSAPP_TOKEN) return null
  return { base: env.WHATSAPP_API_URL.replace(/\/+$/, ''), phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID, token: env.WHATSAPP_TOKEN }
}

/** Sends a text reply; false when WhatsApp is not configured or the API refused it. */
export async function sendWhatsAppText(to: string, body: string): Promise<boolean> {
  const config = api()
  if (!config) return false
  const response = await fetch(`${config.base}/${config.phoneNumberId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: to.replace(/^\+/, ''), type: 'text', text: { body } }),
    signal: AbortSignal.timeout(10_000),
  })
  return response.ok
}

/** The bytes of an inbound photo, or null when it can't be had (or is too big). */
export async function downloadWhatsAppMedia(mediaId: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string } | null> {
  const config = api()
  if (!config || !/^[A-Za-z0-9_.-]{1,100}$/.test(mediaId)) return null
  const headers = { authorization: `Bearer ${config.token}` }
  const meta = await fetch(`${config.base}/${mediaId}`, { headers, signal: AbortSignal.timeout(10_000) })
  if (!meta.ok) return null
  const info = (await meta.json().catch(() => null)) as { url?: unknown; mime_type?: unknown; file_size?: unknown } | null
  if (typeof info?.url !== 'string' || !/^https:\/\//.test(info.url)) return null
  if (typeof info.file_size === 'number' && info.file_size > MAX_MEDIA_BYTES) return null
  const file = await fetch(info.url, { headers, signal: AbortSignal.timeout(30_000) })
  if (!file.ok) return null
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.byteLength > MAX_MEDIA_BYTES) return null
  return { bytes, contentType: typeof info.mime_type === 'string' ? info.mime_type : 'application/octet-stream' }
}

/** X-Hub-Signature-256: "sha256=" + the HMAC-SHA256 of the raw body with the app secret. */
export function webhookSignatureMatches(rawBody: Uint8Array, header: string | null, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false
  const given = Buffer.from(header.slice('sha256='.length), 'hex')
  const expected = createHmac('sha256', appSecret).update(rawBody).digest()
  return given.length === expected.length && timingSafeEqual(given, expected)
}
