// Failed-login throttling per (account, client IP): the row is claimed BEFORE the
// password is checked, in one atomic upsert, so parallel tries cannot slip past the
// count (the row lock orders them). See ADR 006.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { randomToken } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>

export interface LoginThrottlePolicy {
  /** Attempts allowed without any wait. */
  freeAttempts: number
  /** Wait after the last free attempt; it doubles with each further attempt. */
  baseDelaySeconds: number
  maxDelaySeconds: number
  /** A key untouched this long starts again from zero. */
  forgetAfterHours: number
}

/** A granted claim tells which attempt it was and whether it starts a wait (lockedUntil). */
export type LoginClaim = { granted: true; attempts: number; lockedUntil: Date | null } | { granted: false; retryAfterSeconds: number }

/**
 * Claims one login attempt for `key`. Granted attempts are counted; from the
 * `freeAttempts`-th on, each granted attempt locks the key for a growing delay, and
 * attempts during the lock are refused without being counted.
 */
export async function claimLoginAttempt(db: Db, key: string, policy: LoginThrottlePolicy, now: Date, accountHash: string | null = null): Promise<LoginClaim> {
  const grant = randomToken(12)
  const at = sql`${now}::timestamptz`
  const free = sql`${policy.freeAttempts}::int`
  // The delay after the n-th granted attempt: 0 below `free`, then base · 2^(n − free), capped.
  const lockAfter = (n: ReturnType<typeof sql>) =>
    sql`CASE WHEN ${n} >= ${free} THEN ${at} + make_interval(secs => least(${policy.baseDelaySeconds}::float8 * power(2::float8, (${n} - ${free})::float8), ${policy.maxDelaySeconds}::float8)) END`
  const stale = sql`t.updated_at < ${at} - make_interval(hours => ${policy.forgetAfterHours}::int)`
  const open = sql`(t.locked_until IS NULL OR t.locked_until <= ${at})`
  const row = await sql<{ granted: boolean; locked_until: Date | null; attempts: number }>`
    INSERT INTO login_throttle AS t (key, attempts, locked_until, grant_id, updated_at, account_hash)
    VALUES (${key}, 1, ${lockAfter(sql`1`)}, ${grant}, ${at}, ${accountHash})
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN ${stale} THEN 1 WHEN ${open} THEN t.attempts + 1 ELSE t.attempts END,
      locked_until = CASE WHEN ${stale} THEN ${lockAfter(sql`1`)} WHEN ${open} THEN ${lockAfter(sql`(t.attempts + 1)`)} ELSE t.locked_until END,
      grant_id = CASE WHEN ${stale} OR ${open} THEN ${grant} ELSE t.grant_id END,
      updated_at = ${at},
      account_hash = coalesce(t.account_hash, EXCLUDED.account_hash)
    RETURNING grant_id = ${grant} AS granted, locked_until, attempts`.execute(db)
  const { granted, locked_until, attempts } = row.rows[0]!
  if (granted) return { granted: true, attempts: Number(attempts), lockedUntil: locked_until ? new Date(locked_until) : null }
  const waitMs = (locked_until ? new Date(locked_until).getTime() : now.getTime()) - now.getTime()
  return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
}

/** A successful login forgets the key's failures. */
export async function clearLoginAttempts(db: Db, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute()
}

/** Housekeeping: rows nobody touched for `hours` carry no information any more. */
export async function forgetOldLoginAttempts(db: Db, before: Date) {
  await db.deleteFrom('login_throttle').where('updated_at', '<', before).execute()
}
