// Per-client-IP rate limits (ADR 006), kept in the database through
// rate-limiter-flexible's PostgreSQL store so that they hold across several app
// processes. Its store speaks to a `pg`-like client; a tiny adapter runs its SQL
// through our Kysely handle, so PGlite and PostgreSQL take the same code path.
import type { AppLoadContext } from '@remix-run/node'
import { CompiledQuery, type Kysely } from 'kysely'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import type { DB } from '#db/types'
import { getDb } from './db.server'
import { getEnv } from './env.server'
import { errorMessage, logger } from './logger.server'

export const LIMITS = {
  filing: 'RATE_LIMIT_FILING',
  login: 'RATE_LIMIT_LOGIN',
  privateLink: 'RATE_LIMIT_PRIVATE_LINK',
  lookup: 'RATE_LIMIT_LOOKUP',
  kelurahan: 'RATE_LIMIT_KELURAHAN',
  open311: 'RATE_LIMIT_OPEN311',
} as const
export type LimitName = keyof typeof LIMITS

export interface Limited {
  retryAfterSeconds: number
}

/** The adapter: `query({ text, values })` → `{ rows, rowCount }`, as `pg` answers. */
function storeClient(db: Kysely<DB>) {
  return {
    async query({ text, values }: { text: string; values?: readonly unknown[] }) {
      const result = await db.executeQuery(CompiledQuery.raw(text, [...(values ?? [])]))
      return { rows: result.rows, rowCount: result.rows.length || Number(result.numAffectedRows ?? 0) }
    },
  }
}

const limiters = new WeakMap<Kysely<DB>, Map<LimitName, RateLimiterPostgres | null>>()

/** A limiter of `points` per `seconds` per key, counted in the rate_limits table. */
export function createRateLimiter(db: Kysely<DB>, prefix: string, config: { points: number; seconds: number }) {
  return new RateLimiterPostgres({
    storeClient: storeClient(db),
    storeType: 'client',
    tableName: 'rate_limits',
    tableCreated: true, // by migration 0003
    // Expired rows are removed by sweepExpiredLimits(), not by a library timer.
    clearExpiredByTimeout: false,
    keyPrefix: prefix,
    points: config.points,
    duration: config.seconds,
  })
}

function limiterFor(db: Kysely<DB>, name: LimitName): RateLimiterPostgres | null {
  let perDb = limiters.get(db)
  if (!perDb) limiters.set(db, (perDb = new Map()))
  if (!perDb.has(name)) {
    const config = getEnv()[LIMITS[name]]
    perDb.set(name, config && createRateLimiter(db, name, config))
  }
  return perDb.get(name)!
}

/** The client's IP as the HTTP server resolved it (TRUST_PROXY decides whether forwarded headers count). */
export function clientIp(context: AppLoadContext | undefined): string | null {
  const ip = context?.clientIp
  return typeof ip === 'string' && ip.length > 0 ? ip.slice(0, 64) : null
}

/**
 * Counts one request of kind `name` from the client; null when it may go on, else
 * how long to wait. Without a client IP (a loader called directly, as in tests of
 * other behaviour) nothing is counted: the HTTP server always supplies one.
 */
export async function consumeLimit(name: LimitName, context: AppLoadContext | undefined): Promise<Limited | null> {
  const ip = clientIp(context)
  if (!ip) return null
  return consumeLimitFor(name, ip)
}

/** Counts one request of kind `name` for a key other than the client IP (an Open311 API key). */
export async function consumeLimitFor(name: LimitName, key: string): Promise<Limited | null> {
  const limiter = limiterFor(await getDb(), name)
  if (!limiter) return null
  try {
    await limiter.consume(key)
    return null
  } catch (error) {
    if (error instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
    // The store itself failed (database trouble): don't turn that into a refusal here;
    // the request's own database work will meet the same trouble and answer for it.
    logger().warn({ limit: name, error: errorMessage(error) }, 'rate limit store unavailable')
    return null
  }
}

export function retryAfterHeaders(limited: Limited): Record<string, string> {
  return { 'Retry-After': String(limited.retryAfterSeconds), 'Cache-Control': 'no-store' }
}

/** Removes counters whose window ended more than an hour ago. Safe to call from any job. */
export async function sweepExpiredLimits(db: Kysely<DB>, now = Date.now()) {
  await db
    .deleteFrom('rate_limits')
    .where('expire', '<', now - 3600_000)
    .execute()
}
