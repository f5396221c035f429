// Placeholder for the JOBS branch's queue (the lead keeps JOBS's version at merge).
// Enqueueing nothing is safe here: the notification sweeper re-enqueues due outbox rows.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'

export async function enqueue(
  _db: Kysely<DB> | Transaction<DB>,
  _name: string,
  _data: object,
  _options?: { startAfter?: Date; singletonKey?: string },
): Promise<void> {}
