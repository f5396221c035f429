// pg-boss talks to the database through `executeSql(text, values)`. This adapter runs
// it over our Kysely handle — the pool on PostgreSQL, the one serialized connection on
// PGlite — or over a caller's transaction, so a job sent there commits or rolls back
// with the change that caused it.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * `execScript` runs parameterless text that may hold several statements (pg-boss's
 * maintenance wraps its work in BEGIN … COMMIT); PGlite accepts those only through exec().
 */
export function kyselyExecutor(db: Kysely<DB> | Transaction<DB>, execScript?: (text: string) => Promise<{ rows: unknown[] }[]>): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (execScript && (!values || values.length === 0)) {
        const results = await execScript(text)
        return { rows: results.at(-1)?.rows ?? [] }
      }
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as unknown[] }
    },
  }
}
