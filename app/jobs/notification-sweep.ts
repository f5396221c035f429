// Safety net, every minute: re-enqueues pending outbox rows that are due (a lost job, a
// row written before the worker ran) and fails rows whose sending lease ran out.
import { DELIVER_JOB, dueNotificationIds, failStaleLeases } from '~/models/notification.server'
import { enqueue } from './queue.server'
import type { JobDefinition } from './types'

export const notificationSweep: JobDefinition = {
  name: 'notification.sweep',
  cron: '* * * * *',
  async handler(_data, ctx) {
    const now = ctx.now()
    const stale = await failStaleLeases(ctx.db, now)
    const due = await dueNotificationIds(ctx.db, now)
    // The singleton key keeps one queued job per row, however often the sweeper runs.
    for (const outboxId of due) await enqueue(ctx.db, DELIVER_JOB, { outboxId }, { singletonKey: `outbox-${outboxId}` })
    if (stale || due.length) ctx.log('notification sweep', { requeued: due.length, staleLeases: stale })
  },
}
