// The WhatsApp Cloud API webhook (issue 8 §6, ADR 024): GET is Meta's verification
// handshake, POST carries inbound messages, signed with the app secret. Off (404) unless
// WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are set. A 200 means every message in the
// payload is recorded; on any other answer Meta delivers again, and handled message ids
// are skipped, so nothing is lost and nothing is done twice.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { timingSafeEqual } from 'node:crypto'
import { webhookSignatureMatches } from '~/notify/whatsapp-cloud.server'
import { handleWhatsAppWebhook } from '~/services/whatsapp-filing.server'
import { getEnv } from '~/utils/env.server'

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

function configured() {
  const env = getEnv()
  return env.WHATSAPP_APP_SECRET && env.WHATSAPP_VERIFY_TOKEN ? { secret: env.WHATSAPP_APP_SECRET, verifyToken: env.WHATSAPP_VERIFY_TOKEN } : null
}

function sameText(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function loader({ request }: LoaderFunctionArgs) {
  const config = configured()
  if (!config) throw new Response('Not found', { status: 404 })
  const params = new URL(request.url).searchParams
  const challenge = params.get('hub.challenge') ?? ''
  if (params.get('hub.mode') !== 'subscribe' || !sameText(params.get('hub.verify_token') ?? '', config.verifyToken) || !/^[\w-]{1,200}$/.test(challenge)) {
    return text('forbidden', 403)
  }
  return text(challenge)
}

export async function action({ request }: ActionFunctionArgs) {
  const config = configured()
  if (!config) throw new Response('Not found', { status: 404 })
  if (request.method !== 'POST') return text('method not allowed', 405)
  const body = new Uint8Array(await request.arrayBuffer())
  if (!webhookSignatureMatches(body, request.headers.get('x-hub-signature-256'), config.secret)) return text('bad signature', 401)
  let payload: unknown
  try {
    payload = JSON.parse(new TextDecoder().decode(body))
  } catch {
    return text('malformed JSON', 400)
  }
  await handleWhatsAppWebhook(payload)
  return text('ok')
}
