// Shared foundations for the staff, citizen, Open311 and dashboard work (issues 7–10),
// written once so that each can build on it. Frozen once shipped; values spelled out.
// - audit_log: append-only record of every admin change and every sign-in event (issue 7).
// - api_keys: Open311 POST keys, stored as a SHA-256 hash, shown once (issues 7 and 9).
// - report_supporters: "saya juga mengalami ini" and reporters of merged duplicates (issue 8);
//   supporter_key makes a person count once per report (a hash, never a contact).
// - report_subscriptions: who gets a public report's updates (supporters, subscribers,
//   reporters of merged duplicates). The recipient is a contact: private, like report_contacts.
// - attachments.event_id: photos that belong to an event (resolution "after" photos,
//   information added by the reporter); their visibility is the event's.
// - reports.source gains 'whatsapp'; report_events.type gains the new workflow events.
import { sql, type Kysely } from 'kysely'

const oldEventTypes = `'created','verified','assigned','transferred','status_changed','public_update','internal_note','resolved','reopened','rated','duplicate_marked','rejected','escalated'`
const newEventTypes = `${oldEventTypes},'information_added','reject_proposed','duplicate_linked','claimed'`

const statements = [
  `CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer REFERENCES jurisdictions(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    actor_user_id integer REFERENCES users(id),
    kind text NOT NULL CHECK (kind IN ('created','updated','deleted','login','login_failed','lockout','logout','password_changed','password_reset_sent','invite_sent','invite_accepted','sessions_revoked','key_created','key_revoked')),
    entity text CHECK (entity IN ('jurisdiction','unit','category','routing_rule','user','holiday','api_key','response_template','session')),
    entity_id text CHECK (length(entity_id) <= 100),
    subject text CHECK (length(subject) <= 320),
    before jsonb,
    after jsonb,
    ip text CHECK (length(ip) <= 100)
  )`,
  `CREATE INDEX audit_log_jurisdiction_created_idx ON audit_log (jurisdiction_id, created_at DESC)`,
  `CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, created_at DESC)`,
  `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
   END $$`,
  `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
   FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
   FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  `CREATE TABLE api_keys (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    key_prefix text NOT NULL CHECK (length(key_prefix) BETWEEN 4 AND 16),
    key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    created_by_user_id integer REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
  `CREATE INDEX api_keys_jurisdiction_idx ON api_keys (jurisdiction_id)`,
  `CREATE TABLE report_supporters (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer NOT NULL REFERENCES reports(id),
    origin text NOT NULL CHECK (origin IN ('web','whatsapp','open311','duplicate')),
    supporter_key text NOT NULL CHECK (supporter_key ~ '^[0-9a-f]{64}$'),
    duplicate_report_id integer REFERENCES reports(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (report_id, supporter_key),
    CHECK ((origin = 'duplicate') = (duplicate_report_id IS NOT NULL))
  )`,
  `CREATE INDEX report_supporters_duplicate_idx ON report_supporters (duplicate_report_id)`,
  `CREATE TABLE report_subscriptions (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer NOT NULL REFERENCES reports(id),
    channel text NOT NULL CHECK (channel IN ('email','whatsapp')),
    recipient text NOT NULL CHECK (length(recipient) <= 320),
    locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id','en')),
    origin text NOT NULL CHECK (origin IN ('supporter','subscriber','duplicate')),
    created_at timestamptz NOT NULL DEFAULT now(),
    unsubscribed_at timestamptz,
    UNIQUE (report_id, channel, recipient)
  )`,
  `ALTER TABLE attachments ADD COLUMN event_id integer REFERENCES report_events(id)`,
  `CREATE INDEX attachments_event_idx ON attachments (event_id)`,
  // Deletes check foreign keys: without these, removing reports scans whole tables.
  `CREATE INDEX reports_duplicate_of_idx ON reports (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`,
  `ALTER TABLE reports DROP CONSTRAINT reports_source_check`,
  `ALTER TABLE reports ADD CONSTRAINT reports_source_check CHECK (source IN ('web','open311','phone','simulated','whatsapp'))`,
  `ALTER TABLE report_events DROP CONSTRAINT report_events_type_check`,
  `ALTER TABLE report_events ADD CONSTRAINT report_events_type_check CHECK (type IN (${newEventTypes}))`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const undo = [
    `ALTER TABLE report_events DROP CONSTRAINT report_events_type_check`,
    `ALTER TABLE report_events ADD CONSTRAINT report_events_type_check CHECK (type IN (${oldEventTypes}))`,
    `ALTER TABLE reports DROP CONSTRAINT reports_source_check`,
    `ALTER TABLE reports ADD CONSTRAINT reports_source_check CHECK (source IN ('web','open311','phone','simulated'))`,
    `DROP INDEX IF EXISTS reports_duplicate_of_idx`,
    `ALTER TABLE attachments DROP COLUMN IF EXISTS event_id`,
    `DROP TABLE IF EXISTS report_subscriptions`,
    `DROP TABLE IF EXISTS report_supporters`,
    `DROP TABLE IF EXISTS api_keys`,
    `DROP TABLE IF EXISTS audit_log`,
    `DROP FUNCTION IF EXISTS audit_log_append_only()`,
  ]

  for (const statement of undo) await sql.raw(statement).execute(db)
}
