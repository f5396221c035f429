// Delivers one outbox row (enqueued with the row, and again by the sweeper). Idempotent:
// a row already sent or being sent is skipped (see notify/deliver.server.ts).
import { getChannels } from '~/notify/channels.server'
import { publicBaseUrl } from '~/notify/config.server'
import { deliverNotification, mailDomain } from '~/notify/deliver.server'
import { getEnv } from '~/utils/env.server'
import type { JobDefinition } from './types'

export const notificationDeliver: JobDefinition<{ outboxId: number }> = {
  name: 'notification.deliver',
  async handler({ outboxId }, ctx) {
    const outcome = await deliverNotification(ctx.db, outboxId, {
      channels: getChannels(),
      now: ctx.now,
      baseUrl: publicBaseUrl(),
      messageDomain: mailDomain(getEnv().MAIL_FROM),
    })
    ctx.log('notification delivery', { outboxId, outcome })
  },
  // Backoff lives in the outbox row (next_attempt_at); pg-boss retries only a crashed handler.
  options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
}
