// Every minute: fire the SLA escalation levels that fell due (domain/escalation.ts, ADR 012).
// Bounded per tick; each report in its own transaction so one bad row cannot hold back
// the rest, and a level fires once whatever the number of workers (escalations' unique key).
import { calendarCache, escalateReport, escalationCandidates } from '~/models/escalation.server'
import type { JobContext, JobDefinition } from './types'

export const ESCALATION_BATCH = 200

export async function runSlaEscalation(ctx: JobContext, batch = ESCALATION_BATCH) {
  const now = ctx.now()
  const ids = await escalationCandidates(ctx.db, now, batch)
  const calendarFor = calendarCache()
  let fired = 0
  for (const id of ids) {
    const levels = await ctx.db.transaction().execute((trx) => escalateReport(trx, id, now, calendarFor))
    fired += levels.length
  }
  if (fired) ctx.log('sla.escalate fired', { reports: ids.length, levels: fired })
  return { candidates: ids.length, fired }
}

export const slaEscalateJob: JobDefinition = {
  name: 'sla.escalate',
  cron: '* * * * *',
  options: { retryLimit: 0, expireInSeconds: 55 },
  handler: async (_data, ctx) => {
    await runSlaEscalation(ctx)
  },
}
