// Filing by WhatsApp (issue 8 §6, ADR 024). Frozen once shipped.
// - whatsapp_conversations: one open conversation per phone number, its step and what the
//   citizen has said so far. The phone is a contact: private, never shown. Idle for 30
//   minutes = over (checked on the next message; the hourly clean-up deletes the rows).
// - whatsapp_inbound: ids of messages already handled. The Cloud API delivers a webhook
//   again when it is unsure we got it, and a message must not move a conversation twice.
import { sql, type Kysely } from 'kysely'

const statements = [
  `CREATE TABLE whatsapp_conversations (
    phone text PRIMARY KEY CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    step text NOT NULL CHECK (step IN ('category','description','location','photo','confirm')),
    locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id','en')),
    category_id integer REFERENCES categories(id),
    description text CHECK (length(description) <= 5000),
    area_id integer REFERENCES areas(id),
    lat double precision CHECK (lat BETWEEN -90 AND 90),
    lng double precision CHECK (lng BETWEEN -180 AND 180),
    photo jsonb,
    privacy text NOT NULL DEFAULT 'public' CHECK (privacy IN ('public','anonymous','confidential')),
    started_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK ((lat IS NULL) = (lng IS NULL))
  )`,
  `CREATE INDEX whatsapp_conversations_updated_idx ON whatsapp_conversations (updated_at)`,
  `CREATE TABLE whatsapp_inbound (
    message_id text PRIMARY KEY CHECK (length(message_id) <= 200),
    received_at timestamptz NOT NULL
  )`,
  `CREATE INDEX whatsapp_inbound_received_idx ON whatsapp_inbound (received_at)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS whatsapp_inbound`.execute(db)
  await sql`DROP TABLE IF EXISTS whatsapp_conversations`.execute(db)
}
