// Initial schema for the whole mission (reporting, officer workflow, dashboards,
// Open311, notifications). Frozen: never import app code here; enum values are
// spelled out so that a later change to the app cannot silently change history.
import { sql, type Kysely } from 'kysely'

const statuses = `'submitted','verified','in_progress','resolved','closed','rejected','duplicate'`
const eventTypes = `'created','verified','assigned','transferred','status_changed','public_update','internal_note','resolved','reopened','rated','duplicate_marked','rejected','escalated'`

const statements = [
  `CREATE TABLE jurisdictions (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
    name text NOT NULL,
    code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{2}(\\.[0-9]{2})?$'),
    time_zone text NOT NULL,
    open311_id text NOT NULL UNIQUE,
    code_prefix text NOT NULL UNIQUE CHECK (code_prefix ~ '^[A-Z]{2,5}$'),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE areas (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    level text NOT NULL CHECK (level IN ('kecamatan','kelurahan')),
    code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}(\\.[0-9]{4})?$'),
    name text NOT NULL,
    parent_id integer REFERENCES areas(id),
    polygon jsonb,
    centroid_lat double precision CHECK (centroid_lat BETWEEN -90 AND 90),
    centroid_lng double precision CHECK (centroid_lng BETWEEN -180 AND 180),
    CHECK ((level = 'kecamatan') = (parent_id IS NULL))
  )`,
  `CREATE INDEX areas_jurisdiction_level_idx ON areas (jurisdiction_id, level, name)`,
  `CREATE INDEX areas_parent_idx ON areas (parent_id)`,
  `CREATE TABLE units (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    key text NOT NULL CHECK (key ~ '^[a-z0-9-]{2,60}$'),
    name text NOT NULL,
    short_name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('dinas','badan','kecamatan','kelurahan','inspektorat','triage_desk','satuan','upt')),
    parent_id integer REFERENCES units(id),
    area_id integer REFERENCES areas(id),
    active boolean NOT NULL DEFAULT true,
    UNIQUE (jurisdiction_id, key)
  )`,
  `CREATE TABLE categories (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
    group_code text NOT NULL,
    name_id text NOT NULL,
    name_en text NOT NULL,
    description_id text NOT NULL,
    description_en text NOT NULL,
    default_unit_id integer REFERENCES units(id),
    privacy_rule text NOT NULL CHECK (privacy_rule IN ('citizen_choice','always_confidential')),
    is_misconduct boolean NOT NULL DEFAULT false,
    is_emergency boolean NOT NULL DEFAULT false,
    emergency_advice_id text,
    emergency_advice_en text,
    response_target numeric NOT NULL CHECK (response_target > 0),
    response_clock text NOT NULL CHECK (response_clock IN ('calendar_hours','working_days')),
    resolution_target numeric NOT NULL CHECK (resolution_target > 0),
    resolution_clock text NOT NULL CHECK (resolution_clock IN ('calendar_hours','working_days')),
    keywords jsonb NOT NULL DEFAULT '[]'::jsonb,
    sort_order integer NOT NULL DEFAULT 0,
    active boolean NOT NULL DEFAULT true,
    UNIQUE (jurisdiction_id, code),
    CHECK (response_clock <> 'working_days' OR response_target = trunc(response_target)),
    CHECK (resolution_clock <> 'working_days' OR resolution_target = trunc(resolution_target))
  )`,
  `CREATE TABLE routing_rules (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    category_id integer NOT NULL REFERENCES categories(id),
    scope text NOT NULL CHECK (scope IN ('kelurahan','kecamatan','jurisdiction')),
    area_id integer REFERENCES areas(id),
    unit_id integer NOT NULL REFERENCES units(id),
    precedence integer NOT NULL DEFAULT 0,
    note text,
    CHECK ((scope = 'jurisdiction') = (area_id IS NULL))
  )`,
  `CREATE INDEX routing_rules_category_idx ON routing_rules (category_id)`,
  `CREATE TABLE users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
    name text NOT NULL,
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role text NOT NULL CHECK (role IN ('officer','supervisor','admin','executive','inspector')),
    unit_id integer REFERENCES units(id),
    active boolean NOT NULL DEFAULT true,
    failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
    locked_until timestamptz,
    last_login_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role NOT IN ('officer','supervisor','inspector') OR unit_id IS NOT NULL)
  )`,
  `CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`,
  `CREATE TABLE sessions (
    id text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
  )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE TABLE reports (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,5}-[2-9A-HJKMNP-Z]{6}$'),
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    category_id integer NOT NULL REFERENCES categories(id),
    area_id integer REFERENCES areas(id),
    lat double precision CHECK (lat BETWEEN -90 AND 90),
    lng double precision CHECK (lng BETWEEN -180 AND 180),
    address text CHECK (length(address) <= 300),
    description text NOT NULL CHECK (length(description) BETWEEN 10 AND 5000),
    privacy text NOT NULL CHECK (privacy IN ('public','anonymous','confidential')),
    status text NOT NULL CHECK (status IN (${statuses})),
    reject_reason text CHECK (reject_reason IN ('out_of_remit','spam','insufficient_info')),
    current_unit_id integer NOT NULL REFERENCES units(id),
    assigned_user_id integer REFERENCES users(id),
    source text NOT NULL DEFAULT 'web' CHECK (source IN ('web','open311','phone','simulated')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    first_response_at timestamptz,
    resolved_at timestamptz,
    closed_at timestamptz,
    response_due_at timestamptz NOT NULL,
    resolution_due_at timestamptz NOT NULL,
    reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
    duplicate_of_id integer REFERENCES reports(id),
    supporter_count integer NOT NULL DEFAULT 0 CHECK (supporter_count >= 0),
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100),
    reporter_token_hash text,
    UNIQUE (jurisdiction_id, idempotency_key),
    CHECK ((lat IS NULL) = (lng IS NULL)),
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
    CHECK ((status = 'duplicate') = (duplicate_of_id IS NOT NULL)),
    CHECK (duplicate_of_id IS NULL OR duplicate_of_id <> id),
    CHECK (first_response_at IS NULL OR first_response_at >= created_at),
    CHECK (resolved_at IS NULL OR resolved_at >= created_at),
    CHECK (response_due_at >= created_at AND resolution_due_at >= created_at)
  )`,
  // The unit queue: open reports of a unit by due time.
  `CREATE INDEX reports_unit_queue_idx ON reports (current_unit_id, status, resolution_due_at)`,
  // Dashboards: by jurisdiction over time, and per unit by resolution time.
  `CREATE INDEX reports_jurisdiction_created_idx ON reports (jurisdiction_id, created_at)`,
  `CREATE INDEX reports_unit_resolved_idx ON reports (current_unit_id, resolved_at)`,
  `CREATE INDEX reports_category_idx ON reports (category_id)`,
  `CREATE TABLE report_contacts (
    report_id integer PRIMARY KEY REFERENCES reports(id),
    name text CHECK (length(name) <= 120),
    email text CHECK (email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
    phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)
  )`,
  `CREATE TABLE attachments (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer NOT NULL REFERENCES reports(id),
    phase text NOT NULL CHECK (phase IN ('before','after')),
    storage_key text NOT NULL UNIQUE,
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg','image/webp','image/png')),
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    width integer NOT NULL CHECK (width > 0),
    height integer NOT NULL CHECK (height > 0),
    uploaded_by_user_id integer REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX attachments_report_idx ON attachments (report_id)`,
  `CREATE TABLE report_events (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer NOT NULL REFERENCES reports(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    actor_kind text NOT NULL CHECK (actor_kind IN ('staff','reporter','system')),
    actor_user_id integer REFERENCES users(id),
    type text NOT NULL CHECK (type IN (${eventTypes})),
    from_status text CHECK (from_status IN (${statuses})),
    to_status text CHECK (to_status IN (${statuses})),
    from_unit_id integer REFERENCES units(id),
    to_unit_id integer REFERENCES units(id),
    body text CHECK (length(body) <= 5000),
    visibility text NOT NULL CHECK (visibility IN ('public','internal')),
    CHECK ((actor_kind = 'staff') = (actor_user_id IS NOT NULL))
  )`,
  `CREATE INDEX report_events_report_idx ON report_events (report_id, created_at)`,
  // Append-only: history is evidence; corrections are new events.
  `CREATE FUNCTION report_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'report_events is append-only (% refused)', TG_OP;
   END $$`,
  `CREATE TRIGGER report_events_no_update_delete BEFORE UPDATE OR DELETE ON report_events
   FOR EACH ROW EXECUTE FUNCTION report_events_append_only()`,
  `CREATE TRIGGER report_events_no_truncate BEFORE TRUNCATE ON report_events
   FOR EACH STATEMENT EXECUTE FUNCTION report_events_append_only()`,
  `CREATE TABLE ratings (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer NOT NULL UNIQUE REFERENCES reports(id),
    score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment text CHECK (length(comment) <= 1000),
    fixed text NOT NULL CHECK (fixed IN ('yes','no','unknown')),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // IKM survey (PermenPAN-RB 14/2017): u1..u9 are the nine unsur in the regulation's
  // order (persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku,
  // penanganan pengaduan, sarana prasarana), each scored 1–4.
  `CREATE TABLE ikm_responses (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    unit_id integer NOT NULL REFERENCES units(id),
    report_id integer UNIQUE REFERENCES reports(id),
    ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `u${i} smallint NOT NULL CHECK (u${i} BETWEEN 1 AND 4)`).join(',\n    ')},
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX ikm_responses_unit_idx ON ikm_responses (unit_id, created_at)`,
  `CREATE TABLE holidays (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id integer REFERENCES jurisdictions(id),
    date date NOT NULL,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('national','cuti_bersama','local')),
    CHECK ((kind = 'local') = (jurisdiction_id IS NOT NULL))
  )`,
  `CREATE UNIQUE INDEX holidays_scope_date_unique ON holidays (coalesce(jurisdiction_id, 0), date)`,
  `CREATE TABLE notification_outbox (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer REFERENCES reports(id),
    channel text NOT NULL CHECK (channel IN ('email','sms','whatsapp','webhook')),
    recipient text NOT NULL,
    template text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed','cancelled')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  )`,
  `CREATE INDEX notification_outbox_due_idx ON notification_outbox (status, next_attempt_at)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notification_outbox',
    'holidays',
    'ikm_responses',
    'ratings',
    'report_events',
    'attachments',
    'report_contacts',
    'reports',
    'sessions',
    'users',
    'routing_rules',
    'categories',
    'units',
    'areas',
    'jurisdictions',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table} CASCADE`).execute(db)
  }
  await sql.raw('DROP FUNCTION IF EXISTS report_events_append_only()').execute(db)
}
