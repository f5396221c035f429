// Stub of the jobs contract's enqueue (the JOBS branch provides the pg-boss one at merge).
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'

export async function enqueue(
  _db: Kysely<DB> | Transaction<DB>,
  _name: string,
  _data: object,
  _options?: { startAfter?: Date; singletonKey?: string },
): Promise<void> {}
