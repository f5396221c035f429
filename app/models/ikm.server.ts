// IKM answers through the reporter's private link: one row per report (ikm_responses.report_id
// is UNIQUE), for the unit that handled it (its current unit: a closed report no longer moves).
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { canAnswerIkm, type IkmAnswers } from '~/domain/ikm'
import { sha256 } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>

export async function hasIkmResponse(db: Db, reportId: number): Promise<boolean> {
  return (await db.selectFrom('ikm_responses').select('id').where('report_id', '=', reportId).executeTakeFirst()) !== undefined
}

export type IkmOutcome = 'saved' | 'already' | 'not_allowed'

export async function answerIkm(trx: Transaction<DB>, input: { code: string; token: string; answers: IkmAnswers; now: Date }): Promise<IkmOutcome> {
  const report = await trx
    .selectFrom('reports')
    .select(['id', 'status', 'jurisdiction_id', 'current_unit_id', 'reporter_token_hash'])
    .where('code', '=', input.code)
    .executeTakeFirst()
  if (!report || !report.reporter_token_hash || sha256(input.token) !== report.reporter_token_hash) return 'not_allowed'
  if (!canAnswerIkm(report, false)) return 'not_allowed'
  const inserted = await trx
    .insertInto('ikm_responses')
    .values({ jurisdiction_id: report.jurisdiction_id, unit_id: report.current_unit_id, report_id: report.id, ...input.answers, created_at: input.now })
    .onConflict((oc) => oc.column('report_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted ? 'saved' : 'already'
}
