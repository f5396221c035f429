// Notifications (issue 6 §2, ADR 013). The outbox row stays the source of truth:
// - locale: the recipient's language, fixed when the row is written;
// - user_id: the staff recipient (null for citizens);
// - lease_until: a claimed row ('sending') belongs to one worker until then; a row still
//   'sending' after its lease is never sent again automatically (at-most-once);
// - provider_message_id: the SMTP Message-ID / WhatsApp message id;
// - secret_ciphertext: the reporter's private-link token, AES-GCM encrypted, kept only
//   until the first message is delivered, then wiped.
// users.notify_mode: per-officer preference for new-report messages.
// notification_opt_outs: citizens' one-click unsubscribes, stored only as a hash of the address.
// Frozen once shipped.
import { sql, type Kysely } from 'kysely'

const statements = [
  `ALTER TABLE notification_outbox ADD COLUMN locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id','en'))`,
  `ALTER TABLE notification_outbox ADD COLUMN user_id integer REFERENCES users(id)`,
  `ALTER TABLE notification_outbox ADD COLUMN lease_until timestamptz`,
  `ALTER TABLE notification_outbox ADD COLUMN provider_message_id text`,
  `ALTER TABLE notification_outbox ADD COLUMN secret_ciphertext text`,
  `CREATE INDEX notification_outbox_report_idx ON notification_outbox (report_id)`,
  `ALTER TABLE users ADD COLUMN notify_mode text NOT NULL DEFAULT 'immediate' CHECK (notify_mode IN ('immediate','hourly_digest'))`,
  `CREATE TABLE notification_opt_outs (
    channel text NOT NULL CHECK (channel IN ('email','phone')),
    recipient_hash text NOT NULL CHECK (recipient_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, recipient_hash)
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS notification_opt_outs`.execute(db)
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS notify_mode`.execute(db)
  await sql`DROP INDEX IF EXISTS notification_outbox_report_idx`.execute(db)
  for (const column of ['secret_ciphertext', 'provider_message_id', 'lease_until', 'user_id', 'locale']) {
    await sql.raw(`ALTER TABLE notification_outbox DROP COLUMN IF EXISTS ${column}`).execute(db)
  }
}
