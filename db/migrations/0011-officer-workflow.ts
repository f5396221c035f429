// Officer workflow (issue 7 §3, ADR 018). Frozen once shipped; values spelled out.
// - response_templates: a unit's canned public replies, kept by its supervisors; an
//   officer inserts one into a public update and edits it before sending.
// - users.notify_email / notify_whatsapp / whatsapp_phone: the channels a staff member
//   hears on (email on by default, as before; WhatsApp only with a number).
// - report_events.reject_reason: the reason kind an officer's 'reject_proposed' names.
// - reports.reject_proposal_event_id: the proposal a supervisor still has to decide on
//   (cleared when accepted, dismissed, or the report leaves the open statuses).
import { sql, type Kysely } from 'kysely'

const statements = [
  `CREATE TABLE response_templates (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id integer NOT NULL REFERENCES units(id),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_by_user_id integer REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (unit_id, title)
  )`,
  `ALTER TABLE users ADD COLUMN notify_email boolean NOT NULL DEFAULT true`,
  `ALTER TABLE users ADD COLUMN notify_whatsapp boolean NOT NULL DEFAULT false`,
  `ALTER TABLE users ADD COLUMN whatsapp_phone text CHECK (whatsapp_phone ~ '^\\+62[0-9]{8,13}$')`,
  `ALTER TABLE users ADD CONSTRAINT users_whatsapp_needs_phone CHECK (NOT notify_whatsapp OR whatsapp_phone IS NOT NULL)`,
  `ALTER TABLE report_events ADD COLUMN reject_reason text CHECK (reject_reason IN ('out_of_remit','spam','insufficient_info'))`,
  `ALTER TABLE reports ADD COLUMN reject_proposal_event_id integer REFERENCES report_events(id)`,
  `CREATE INDEX reports_reject_proposal_idx ON reports (reject_proposal_event_id) WHERE reject_proposal_event_id IS NOT NULL`,
  // The queue filters on the assignee ("assigned to me", "unassigned").
  `CREATE INDEX reports_assigned_user_idx ON reports (assigned_user_id) WHERE assigned_user_id IS NOT NULL`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const undo = [
    `DROP INDEX IF EXISTS reports_assigned_user_idx`,
    `DROP INDEX IF EXISTS reports_reject_proposal_idx`,
    `ALTER TABLE reports DROP COLUMN IF EXISTS reject_proposal_event_id`,
    `ALTER TABLE report_events DROP COLUMN IF EXISTS reject_reason`,
    `ALTER TABLE users DROP CONSTRAINT IF EXISTS users_whatsapp_needs_phone`,
    `ALTER TABLE users DROP COLUMN IF EXISTS whatsapp_phone`,
    `ALTER TABLE users DROP COLUMN IF EXISTS notify_whatsapp`,
    `ALTER TABLE users DROP COLUMN IF EXISTS notify_email`,
    `DROP TABLE IF EXISTS response_templates`,
  ]
  for (const statement of undo) await sql.raw(statement).execute(db)
}
