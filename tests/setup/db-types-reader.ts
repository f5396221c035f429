// Reads db/types.ts with the TypeScript compiler: for each table of the `DB`
// interface, each column's select type (as Kysely's Selectable sees it) and whether
// an insert may leave it out (as Kysely's Insertable sees it).
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

export type TypeClass = 'string' | 'number' | 'boolean' | 'date' | 'json'

export interface TsColumn {
  /** Value classes of the select type, null excluded. */
  classes: TypeClass[]
  nullable: boolean
  /** The string literals when the select type is a union of string literals only, else null. */
  literals: string[] | null
  insertOptional: boolean
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export function readDbTypes(file = `${ROOT}db/types.ts`): Map<string, Map<string, TsColumn>> {
  const config = ts.readConfigFile(`${ROOT}tsconfig.json`, (path) => ts.sys.readFile(path))
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT)
  const program = ts.createProgram([file], { ...options, noEmit: true })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  if (!source) throw new Error(`Cannot read ${file}`)
  const moduleSymbol = checker.getSymbolAtLocation(source)
  const dbSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'DB')
  if (!dbSymbol) throw new Error('db/types.ts exports no DB interface')

  const typeOf = (symbol: ts.Symbol) => checker.getTypeOfSymbolAtLocation(symbol, source)
  const members = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types.flatMap(members) : [type])
  // Kysely's ColumnType<S, I, U> is { __select__: S; __insert__: I; __update__: U }.
  const sides = (type: ts.Type) => {
    const select: ts.Type[] = []
    const insert: ts.Type[] = []
    for (const m of members(type)) {
      const s = m.getProperty('__select__')
      const i = m.getProperty('__insert__')
      select.push(...members(s ? typeOf(s) : m))
      insert.push(...members(i ? typeOf(i) : m))
    }
    return { select, insert }
  }
  const classify = (t: ts.Type): TypeClass | 'null' | 'undefined' => {
    const f = t.flags
    if (f & ts.TypeFlags.Null) return 'null'
    if (f & ts.TypeFlags.Undefined) return 'undefined'
    if (f & ts.TypeFlags.StringLike) return 'string'
    if (f & ts.TypeFlags.NumberLike) return 'number'
    if (f & ts.TypeFlags.BooleanLike) return 'boolean'
    if (t.getSymbol()?.name === 'Date') return 'date'
    return 'json'
  }

  const tables = new Map<string, Map<string, TsColumn>>()
  for (const table of checker.getDeclaredTypeOfSymbol(dbSymbol).getProperties()) {
    const columns = new Map<string, TsColumn>()
    for (const column of typeOf(table).getProperties()) {
      const { select, insert } = sides(typeOf(column))
      const kinds = select.map(classify)
      const values = select.filter((t) => !(t.flags & ts.TypeFlags.Null))
      const literals = values.length && values.every((t) => t.isStringLiteral()) ? values.map((t) => (t as ts.StringLiteralType).value) : null
      const insertKinds = insert.map(classify)
      columns.set(column.name, {
        classes: [...new Set(kinds.filter((k): k is TypeClass => k !== 'null' && k !== 'undefined'))].sort(),
        nullable: kinds.includes('null'),
        literals: literals && [...literals].sort(),
        // Kysely makes a column optional on insert when its insert type admits null or undefined.
        insertOptional: insertKinds.includes('null') || insertKinds.includes('undefined') || insert.every((t) => t.flags & ts.TypeFlags.Never),
      })
    }
    tables.set(table.name, columns)
  }
  return tables
}
