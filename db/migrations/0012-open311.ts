// Open311 GeoReport v2 server (issue 9). Frozen once shipped; values spelled out.
// - categories.attributes: the service definition's attributes (Open311 attribute
//   definitions with texts in both languages), '[]' for none.
// - reports.attributes: the values a filing gave for them (null: none given).
// - The two shipped attribute sets reach existing installs here (ADR 015: a migration is how
//   a changed default reaches an install), only where the category still has none.
// - Indexes for GET requests: newest public requests of a jurisdiction, and changes since
//   a time (updated_after) for sync clients. Partial: confidential reports are never listed.
import { sql, type Kysely } from 'kysely'

const PJU_ATTRIBUTES = [
  {
    code: 'nomor_tiang',
    datatype: 'string',
    required: false,
    order: 1,
    description: { id: 'Nomor tiang lampu (tertulis di tiang, bila terlihat)', en: 'Lamp number on the pole (if visible)' },
  },
]

const FALLEN_TREE_ATTRIBUTES = [
  {
    code: 'menghalangi_jalan',
    datatype: 'singlevaluelist',
    required: false,
    order: 1,
    description: { id: 'Apakah pohon menghalangi jalan?', en: 'Is the tree blocking the road?' },
    values: [
      { key: 'ya', name: { id: 'Ya', en: 'Yes' } },
      { key: 'tidak', name: { id: 'Tidak', en: 'No' } },
    ],
  },
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE categories ADD COLUMN attributes jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attributes) = 'array')`.execute(db)
  await sql`ALTER TABLE reports ADD COLUMN attributes jsonb CHECK (attributes IS NULL OR jsonb_typeof(attributes) = 'object')`.execute(db)
  for (const [code, attributes] of [
    ['pju', PJU_ATTRIBUTES],
    ['pohon_tumbang', FALLEN_TREE_ATTRIBUTES],
  ] as const) {
    await sql`UPDATE categories SET attributes = ${JSON.stringify(attributes)}::jsonb WHERE code = ${code} AND attributes = '[]'::jsonb`.execute(db)
  }
  await sql`CREATE INDEX reports_open311_created_idx ON reports (jurisdiction_id, created_at DESC, id DESC) WHERE privacy <> 'confidential'`.execute(db)
  await sql`CREATE INDEX reports_open311_updated_idx ON reports (jurisdiction_id, updated_at, id) WHERE privacy <> 'confidential'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS reports_open311_updated_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS reports_open311_created_idx`.execute(db)
  await sql`ALTER TABLE reports DROP COLUMN IF EXISTS attributes`.execute(db)
  await sql`ALTER TABLE categories DROP COLUMN IF EXISTS attributes`.execute(db)
}
