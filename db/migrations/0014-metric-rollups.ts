// Metric rollups (issue 10 §2, ADR 021): per local day × unit × category × kelurahan,
// the counts every figure needs and duration histograms (bucket → count, as two
// parallel arrays) from which medians and p90 are estimated within 0.1 h or 0.5 %.
// - metric_rollups_area: the full grain, for kecamatan/kelurahan views.
// - metric_rollups: the same without the area (far fewer rows), for everything else.
// A job (metrics.rollup, every minute) rewrites the days touched since its last run;
// metric_rollup_state holds that watermark per jurisdiction.
// metric_duration_bucket() must match durationBucket() in app/domain/percentile.ts
// (tests/integration/metric-rollups.test.ts checks both on the same values). Frozen.
import { sql, type Kysely } from 'kysely'

const counts = `
    reports integer NOT NULL,
    supporters integer NOT NULL,
    resolved integer NOT NULL,
    ever_resolved integer NOT NULL,
    reopened integer NOT NULL,
    dismissed integer NOT NULL,
    open integer NOT NULL,
    response_on_time integer NOT NULL,
    response_late integer NOT NULL,
    resolution_on_time integer NOT NULL,
    resolution_late integer NOT NULL,
    ratings integer NOT NULL,
    rating_sum integer NOT NULL,
    rating_high integer NOT NULL,
    confirmed_fixed integer NOT NULL,
    public_updated integer NOT NULL,
    fast_closed integer NOT NULL,
    response_buckets smallint[] NOT NULL,
    response_counts integer[] NOT NULL,
    resolution_buckets smallint[] NOT NULL,
    resolution_counts integer[] NOT NULL,
    CHECK (cardinality(response_buckets) = cardinality(response_counts)),
    CHECK (cardinality(resolution_buckets) = cardinality(resolution_counts))`

const statements = [
  `CREATE FUNCTION metric_duration_bucket(hours float8) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT CASE
       WHEN hours IS NULL THEN NULL
       WHEN hours < 20 THEN least(199, floor(greatest(hours, 0) / 0.1 + 1e-9))::smallint
       ELSE least(1850, 200 + floor(ln(hours / 20) / ln(1.005) + 1e-9))::smallint
     END
   $$`,
  `CREATE TABLE metric_rollups_area (
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    day date NOT NULL,
    unit_id integer NOT NULL REFERENCES units(id),
    category_id integer NOT NULL REFERENCES categories(id),
    area_id integer REFERENCES areas(id),
    ${counts}
  )`,
  // Unique with a nullable area: coalesce so that "no area" is one row, not many.
  `CREATE UNIQUE INDEX metric_rollups_area_key ON metric_rollups_area (jurisdiction_id, day, unit_id, category_id, coalesce(area_id, 0))`,
  `CREATE INDEX metric_rollups_area_area_idx ON metric_rollups_area (area_id)`,
  `CREATE INDEX metric_rollups_area_unit_idx ON metric_rollups_area (unit_id)`,
  `CREATE INDEX metric_rollups_area_category_idx ON metric_rollups_area (category_id)`,
  `CREATE TABLE metric_rollups (
    jurisdiction_id integer NOT NULL REFERENCES jurisdictions(id),
    day date NOT NULL,
    unit_id integer NOT NULL REFERENCES units(id),
    category_id integer NOT NULL REFERENCES categories(id),
    ${counts},
    PRIMARY KEY (jurisdiction_id, day, unit_id, category_id)
  )`,
  `CREATE INDEX metric_rollups_unit_idx ON metric_rollups (unit_id)`,
  `CREATE INDEX metric_rollups_category_idx ON metric_rollups (category_id)`,
  `CREATE TABLE metric_rollup_state (
    jurisdiction_id integer PRIMARY KEY REFERENCES jurisdictions(id),
    refreshed_at timestamptz NOT NULL,
    max_report_id integer NOT NULL
  )`,
  // The job finds what changed since its watermark through these.
  `CREATE INDEX report_events_created_idx ON report_events (created_at)`,
  `CREATE INDEX ratings_created_idx ON ratings (created_at)`,
  `CREATE INDEX report_supporters_created_idx ON report_supporters (created_at)`,
  `CREATE INDEX reports_open_due_idx ON reports (jurisdiction_id, resolution_due_at) WHERE status IN ('submitted','verified','in_progress')`,
  `CREATE INDEX reports_open_response_due_idx ON reports (jurisdiction_id, response_due_at) WHERE first_response_at IS NULL AND status IN ('submitted','verified','in_progress')`,
  // Foreign keys that deleting a report (or an area, a user) checks: without an index
  // each check scans the whole referencing table.
  `CREATE INDEX reports_area_idx ON reports (area_id)`,
  // reports_assigned_user_idx (the FK from reports to users) comes with 0011.
  `CREATE INDEX ikm_responses_jurisdiction_created_idx ON ikm_responses (jurisdiction_id, created_at)`,
  `CREATE INDEX report_events_actor_idx ON report_events (actor_user_id) WHERE actor_user_id IS NOT NULL`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const undo = [
    `DROP INDEX IF EXISTS report_events_actor_idx`,
    `DROP INDEX IF EXISTS ikm_responses_jurisdiction_created_idx`,
    `DROP INDEX IF EXISTS reports_area_idx`,
    `DROP INDEX IF EXISTS reports_open_response_due_idx`,
    `DROP INDEX IF EXISTS reports_open_due_idx`,
    `DROP INDEX IF EXISTS report_supporters_created_idx`,
    `DROP INDEX IF EXISTS ratings_created_idx`,
    `DROP INDEX IF EXISTS report_events_created_idx`,
    `DROP TABLE IF EXISTS metric_rollup_state`,
    `DROP TABLE IF EXISTS metric_rollups`,
    `DROP TABLE IF EXISTS metric_rollups_area`,
    `DROP FUNCTION IF EXISTS metric_duration_bucket(float8)`,
  ]
  for (const statement of undo) await sql.raw(statement).execute(db)
}
