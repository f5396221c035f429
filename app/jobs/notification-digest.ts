// Hourly: officers who chose the digest get one email listing the new reports held for
// them. The held rows are marked sent by the digest's row in the same transaction, so a
// second run finds nothing left to bundle.
import { queueDigests } from '~/models/notification-digest.server'
import type { JobDefinition } from './types'

export const notificationDigest: JobDefinition = {
  name: 'notification.digest',
  cron: '0 * * * *',
  async handler(_data, ctx) {
    const sent = await ctx.db.transaction().execute((trx) => queueDigests(trx, ctx.now()))
    if (sent) ctx.log('notification digest', { digests: sent })
  },
}
