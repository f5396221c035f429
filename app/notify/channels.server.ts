// The channels configured by the environment, built once.
import { join } from 'node:path'
import { getEnv } from '~/utils/env.server'
import type { Channels } from './channel'
import { isWhatsAppEnabled } from './config.server'
import { createEmailChannel } from './email.server'
import { cloudApiGateway, gatewayChannel } from './whatsapp.server'

let cached: Channels | null = null

export function mailDirectory() {
  return join(getEnv().DATA_DIR, 'mail')
}

const SMTP_POOL_SIZE = 4

export function getChannels(): Channels {
  if (cached) return cached
  const env = getEnv()
  // A pool of SMTP connections: one connection per message cost ~110 ms each (bench:notify).
  cached = { email: createEmailChannel({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, mailDir: mailDirectory(), poolSize: SMTP_POOL_SIZE }) }
  if (isWhatsAppEnabled()) {
    cached.whatsapp = gatewayChannel(
      cloudApiGateway({ apiUrl: env.WHATSAPP_API_URL!, phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID!, token: env.WHATSAPP_TOKEN! }),
    )
  }
  return cached
}
