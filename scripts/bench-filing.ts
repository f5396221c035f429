// What the notification benchmarks file: one public PJU report in Kota Malang with an
// e-mail contact, through the real filing transaction (report, outbox row, delivery job).
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/types'
import { fileReport } from '../app/models/report.server'

export async function benchFiler(db: Kysely<DB>) {
  const jurisdiction = await db
    .selectFrom('jurisdictions')
    .select(['id', 'time_zone', 'code_prefix'])
    .where('slug', '=', 'kota-malang')
    .executeTakeFirstOrThrow()
  const category = await db.selectFrom('categories').select('id').where('code', '=', 'pju').executeTakeFirstOrThrow()
  const area = await db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1001').executeTakeFirstOrThrow()
  return (email: string) =>
    db.transaction().execute((trx) =>
      fileReport(trx, {
        jurisdiction,
        categoryId: category.id,
        areaId: area.id,
        description: `Lampu jalan mati, mohon diperbaiki (${email}).`,
        address: null,
        lat: null,
        lng: null,
        privacy: 'public',
        contact: { name: null, email, phone: null },
        idempotencyKey: randomUUID(),
        browserId: randomUUID(),
        now: new Date(),
      }),
    )
}
