// Abuse limits (ADR 006). Frozen once shipped.
//  - rate_limits: the table rate-limiter-flexible's PostgreSQL store uses (its own
//    layout: key, points, expire in epoch ms), so per-IP limits hold across processes.
//  - login_throttle: failed-login throttling per (account, client IP), updated in one
//    atomic upsert per attempt. Keys are hashes: no e-mail address or IP is stored.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE rate_limits (
    key varchar(255) PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  )`.execute(db)
  await sql`CREATE INDEX rate_limits_expire_idx ON rate_limits (expire)`.execute(db)
  await sql`CREATE TABLE login_throttle (
    key text PRIMARY KEY CHECK (length(key) = 64),
    attempts integer NOT NULL CHECK (attempts >= 0),
    locked_until timestamptz,
    grant_id text NOT NULL,
    updated_at timestamptz NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS login_throttle`.execute(db)
  await sql`DROP TABLE IF EXISTS rate_limits`.execute(db)
}
