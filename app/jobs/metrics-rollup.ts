// Every minute: bring each jurisdiction's metric rollups up to date (ADR 021). A job, not
// a write-path hook, so that no state change pays for it and the write paths stay as they
// are; the cost is a lag of at most about a minute (plus the run time) on every figure
// read from the rollups. Each jurisdiction in its own transaction: readers see a day
// either before or after its rewrite, never half of it.
import { refreshRollups } from '~/models/metric-rollup.server'
import { invalidateStatsCache } from '~/models/public-stats-cache.server'
import type { JobContext, JobDefinition } from './types'

export async function runMetricsRollup(ctx: JobContext) {
  const now = ctx.now()
  const jurisdictions = await ctx.db.selectFrom('jurisdictions').select('id').orderBy('id').execute()
  const results = []
  for (const j of jurisdictions) {
    const started = performance.now()
    const result = await ctx.db.transaction().execute((trx) => refreshRollups(trx, j.id, now))
    if (result.days !== 0) {
      ctx.log('metrics.rollup refreshed', { jurisdictionId: j.id, days: result.days, ms: Math.round(performance.now() - started) })
      invalidateStatsCache(j.id)
    }
    results.push(result)
  }
  return results
}

export const metricsRollupJob: JobDefinition = {
  name: 'metrics.rollup',
  cron: '* * * * *',
  // A first run over years of history can take minutes; later runs take well under a second.
  options: { retryLimit: 0, expireInSeconds: 900 },
  handler: async (_data, ctx) => {
    await runMetricsRollup(ctx)
  },
}
