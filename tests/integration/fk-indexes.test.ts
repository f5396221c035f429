// Issue 10 §2: deleting a row checks every foreign key that points at it; without an
// index whose leading columns are the referencing ones, each check scans the whole
// referencing table (deleting 149k reports once ran for more than ten minutes).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const NOT_NULL = String.raw`^\(?\w+ IS NOT NULL\)?$`

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase({ seed: false })
})
afterAll(() => t?.close())

describe('foreign keys', () => {
  it('each has an index led by its referencing columns', async () => {
    const { rows } = await sql<{ fk: string }>`
      SELECT cl.relname || '(' || (
          SELECT string_agg(a.attname, ', ' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
        ) || ') → ' || c.confrelid::regclass::text AS fk
      FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace ns ON ns.oid = cl.relnamespace
      WHERE c.contype = 'f' AND ns.nspname = current_schema()
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          -- A partial index "WHERE col IS NOT NULL" serves the check (col = $1 implies it).
          WHERE i.indrelid = c.conrelid
            AND (i.indpred IS NULL OR pg_get_expr(i.indpred, i.indrelid) ~ ${NOT_NULL})
            AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
            AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
        )
      ORDER BY 1`.execute(t.db)
    expect(rows.map((r) => r.fk)).toEqual([])
  })
})
