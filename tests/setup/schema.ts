// Reading the migrated schema back from the database catalog, for the tests that hold
// the domain vocabulary and db/types.ts to the migrations.
import { sql, type Kysely } from 'kysely'

/**
 * Value lists of single-column CHECKs of the form `col IN ('a', 'b')`, which
 * PostgreSQL stores as `col = ANY (ARRAY['a'::text, ...])` (or `col = 'a'::text`).
 */
export async function checkValueLists(db: Kysely<any>): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; def: string }>`
    SELECT cl.relname AS table_name, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE c.contype = 'c' AND n.nspname = current_schema()
    ORDER BY 1, 2`.execute(db)
  const literal = /'((?:[^']|'')*)'::[a-z ]+/g
  const lists = new Map<string, string[]>()
  for (const { table_name, def } of rows) {
    const m = /^CHECK \(\(?(\w+) = (?:ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)|('(?:[^']|'')*'::[a-z ]+))\)?\)$/.exec(def)
    if (!m) continue
    const values = [...(m[2] ?? m[3] ?? '').matchAll(literal)].map((v) => v[1]!.replace(/''/g, "'"))
    const key = `${table_name}.${m[1]}`
    // Two list CHECKs on one column: the column accepts their intersection.
    const previous = lists.get(key)
    lists.set(key, previous ? previous.filter((v) => values.includes(v)) : values)
  }
  return lists
}

export interface DbColumn {
  table: string
  column: string
  nullable: boolean
  /** PostgreSQL's data_type, e.g. 'integer', 'timestamp with time zone'. */
  dataType: string
  /** The database fills it in when an insert leaves it out (default or identity). */
  hasDefault: boolean
}

export async function listColumns(db: Kysely<any>): Promise<DbColumn[]> {
  const { rows } = await sql<{
    table_name: string
    column_name: string
    is_nullable: string
    data_type: string
    column_default: string | null
    is_identity: string
  }>`
    SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.column_default, c.is_identity
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND c.table_name NOT IN ('kysely_migration', 'kysely_migration_lock')
    ORDER BY c.table_name, c.ordinal_position`.execute(db)
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    nullable: r.is_nullable === 'YES',
    dataType: r.data_type,
    hasDefault: r.column_default !== null || r.is_identity === 'YES',
  }))
}
