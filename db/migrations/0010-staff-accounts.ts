// Staff accounts (issue 7 §2): one-time links to set a password (invitations and
// resets), and a per-account handle on the login throttle so that an admin can unlock.
// Frozen once shipped; values spelled out.
// - staff_tokens: only the SHA-256 of a link's token is stored; a link works once
//   (used_at), until expires_at, and not after a newer link or a deactivation (revoked_at).
// - login_throttle.account_hash: SHA-256 of the lower-cased e-mail typed. The row's key
//   also hashes the client IP, so without this an account's rows can't be found.
import { sql, type Kysely } from 'kysely'

const statements = [
  `CREATE TABLE staff_tokens (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id),
    purpose text NOT NULL CHECK (purpose IN ('invite','reset')),
    token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_by_user_id integer REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    revoked_at timestamptz
  )`,
  `CREATE INDEX staff_tokens_user_idx ON staff_tokens (user_id)`,
  `ALTER TABLE login_throttle ADD COLUMN account_hash text CHECK (account_hash ~ '^[0-9a-f]{64}$')`,
  `CREATE INDEX login_throttle_account_idx ON login_throttle (account_hash)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const undo = [
    `DROP INDEX IF EXISTS login_throttle_account_idx`,
    `ALTER TABLE login_throttle DROP COLUMN IF EXISTS account_hash`,
    `DROP TABLE IF EXISTS staff_tokens`,
  ]
  for (const statement of undo) await sql.raw(statement).execute(db)
}
