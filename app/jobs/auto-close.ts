// Every 15 minutes: close resolved reports the reporter left unanswered for 10 working days.
import { calendarCache } from '~/models/escalation.server'
import { autoCloseCandidates, autoCloseReport } from '~/models/auto-close.server'
import type { JobContext, JobDefinition } from './types'

export const AUTO_CLOSE_BATCH = 200

export async function runAutoClose(ctx: JobContext, batch = AUTO_CLOSE_BATCH) {
  const now = ctx.now()
  const ids = await autoCloseCandidates(ctx.db, now, batch)
  const calendarFor = calendarCache()
  let closed = 0
  for (const id of ids) {
    if (await ctx.db.transaction().execute((trx) => autoCloseReport(trx, id, now, calendarFor))) closed++
  }
  if (closed) ctx.log('reports.auto-close closed', { closed })
  return { candidates: ids.length, closed }
}

export const autoCloseJob: JobDefinition = {
  name: 'reports.auto-close',
  cron: '*/15 * * * *',
  options: { retryLimit: 0, expireInSeconds: 600 },
  handler: async (_data, ctx) => {
    await runAutoClose(ctx)
  },
}
