// Which channels are configured. WhatsApp is off without its three variables, and then
// nothing is queued for it and the form does not offer it.
import { getEnv } from '~/utils/env.server'

export function isWhatsAppEnabled(): boolean {
  const env = getEnv()
  return Boolean(env.WHATSAPP_API_URL && env.WHATSAPP_PHONE_NUMBER_ID && env.WHATSAPP_TOKEN)
}

/** The public origin used in links inside messages. */
export function publicBaseUrl(): string {
  const env = getEnv()
  return (env.APP_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '')
}
