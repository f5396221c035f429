// Prometheus metrics (prom-client). One registry per process, kept on globalThis because
// the Express layer and the Remix server build are two module graphs (see
// request-context.server.ts). Labels are bounded: the route is the Remix route id
// (never the raw URL), the queue is a job name, the status a number.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'

export interface Metrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status'>
  httpDuration: Histogram<'method' | 'route'>
  jobRuns: Counter<'queue' | 'outcome'>
  jobDuration: Histogram<'queue' | 'outcome'>
}

const KEY = Symbol.for('melayani.metrics')
const g = globalThis as unknown as { [KEY]?: Metrics }

function createMetrics(): Metrics {
  const registry = new Registry()
  // Process metrics too (heap against NODE_HEAP_MB's cap, event-loop delay, GC), read at scrape time.
  collectDefaultMetrics({ register: registry, prefix: 'melayani_' })
  return {
    registry,
    httpRequests: new Counter({
      name: 'melayani_http_requests_total',
      help: 'HTTP requests answered, by method, route (Remix route id) and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'melayani_http_request_duration_seconds',
      help: 'Time from request to the end of the response, by method and route.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'melayani_jobs_total',
      help: 'Job runs by queue (job name) and outcome (completed, failed).',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'melayani_job_duration_seconds',
      help: 'Job handler run time by queue and outcome.',
      labelNames: ['queue', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  }
}

export function metrics(): Metrics {
  g[KEY] ??= createMetrics()
  return g[KEY]
}

export function observeRequest(method: string, route: string, status: number, seconds: number) {
  const m = metrics()
  m.httpRequests.inc({ method, route, status: String(status) })
  m.httpDuration.observe({ method, route }, seconds)
}

export function observeJob(queue: string, outcome: 'completed' | 'failed', seconds: number) {
  const m = metrics()
  m.jobRuns.inc({ queue, outcome })
  m.jobDuration.observe({ queue, outcome }, seconds)
}

/** Tests start from empty counters. */
export function resetMetricsForTests() {
  g[KEY] = undefined
}
