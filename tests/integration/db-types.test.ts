// db/types.ts is written by hand; this holds it to the migrated database, whatever
// migrations exist: the same tables and columns, nullability, a matching class of
// type, the same optional-on-insert columns, and value lists equal to the CHECKs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDbTypes, type TsColumn, type TypeClass } from '../setup/db-types-reader'
import { checkValueLists, listColumns, type DbColumn } from '../setup/schema'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

/** How db/connection.ts hands each PostgreSQL type to the app (int8/numeric as numbers, date as text). */
const TYPE_CLASS: Record<string, TypeClass> = {
  smallint: 'number',
  integer: 'number',
  bigint: 'number',
  numeric: 'number',
  real: 'number',
  'double precision': 'number',
  text: 'string',
  'character varying': 'string',
  character: 'string',
  uuid: 'string',
  inet: 'string',
  date: 'string',
  boolean: 'boolean',
  'timestamp with time zone': 'date',
  'timestamp without time zone': 'date',
  jsonb: 'json',
  json: 'json',
  // smallint[] / integer[] (the metric rollup histograms): arrays read as JS arrays
  ARRAY: 'json',
}

let t: TestDatabase
let db: DbColumn[]
let ts: Map<string, Map<string, TsColumn>>
let checks: Map<string, string[]>

beforeAll(async () => {
  t = await createTestDatabase({ seed: false })
  db = await listColumns(t.db)
  checks = await checkValueLists(t.db)
  ts = readDbTypes()
})
afterAll(() => t?.close())

/** Compare one db/types.ts column with the database; a list of what differs. */
function columnDifferences(d: DbColumn, c: TsColumn, check: string[] | undefined): string[] {
  const out: string[] = []
  const name = `${d.table}.${d.column}`
  const expected = TYPE_CLASS[d.dataType]
  if (!expected) out.push(`${name}: no type class known for ${d.dataType} (add it to TYPE_CLASS)`)
  else if (c.classes.length !== 1 || c.classes[0] !== expected) out.push(`${name}: ${d.dataType} is ${expected}, db/types.ts says ${c.classes.join(' | ')}`)
  if (d.nullable !== c.nullable)
    out.push(`${name}: ${d.nullable ? 'nullable' : 'NOT NULL'} in the database, ${c.nullable ? 'nullable' : 'not nullable'} in db/types.ts`)
  const optional = d.nullable || d.hasDefault
  if (optional !== c.insertOptional) {
    out.push(
      `${name}: ${optional ? 'may be left out of an insert (default/identity/nullable)' : 'required on insert'} in the database, ${c.insertOptional ? 'optional' : 'required'} in db/types.ts (use Generated<> for defaults)`,
    )
  }
  if (check && c.literals === null && expected === 'string')
    out.push(`${name}: the database allows only ${check.join(', ')}; type it with the domain vocabulary`)
  if (c.literals && JSON.stringify(c.literals) !== JSON.stringify([...(check ?? [])].sort())) {
    out.push(`${name}: db/types.ts allows ${c.literals.join(', ')}; the database ${check ? `allows ${check.join(', ')}` : 'has no value-list CHECK'}`)
  }
  return out
}

describe('db/types.ts matches the migrated database', () => {
  it('reads something real on both sides', () => {
    expect(ts.get('reports')?.get('status')?.literals).toContain('in_progress')
    expect(db.find((c) => c.table === 'reports' && c.column === 'status')).toMatchObject({ nullable: false, dataType: 'text' })
  })

  it('has the same tables', () => {
    expect([...ts.keys()].sort()).toEqual([...new Set(db.map((c) => c.table))].sort())
  })

  it('has the same columns in each table', () => {
    const missing = db.filter((d) => !ts.get(d.table)?.has(d.column)).map((d) => `${d.table}.${d.column}`)
    const extra = [...ts].flatMap(([table, cols]) =>
      [...cols.keys()].filter((c) => !db.some((d) => d.table === table && d.column === c)).map((c) => `${table}.${c}`),
    )
    expect({ missing, extra }).toEqual({ missing: [], extra: [] })
  })

  it('agrees on nullability, type class, optional-on-insert columns and value lists', () => {
    const differences = db.flatMap((d) => {
      const c = ts.get(d.table)?.get(d.column)
      return c ? columnDifferences(d, c, checks.get(`${d.table}.${d.column}`)) : []
    })
    expect(differences).toEqual([])
  })
})
