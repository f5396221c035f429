// A unit's canned public replies (migration 0011, ADR 018). Supervisors keep their own
// unit's; a report offers those of the unit holding it and of the units above it.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { recordAudit } from './audit.server'

type Db = Kysely<DB> | Transaction<DB>

export class TemplateTitleTakenError extends Error {
  constructor() {
    super('A template of this unit already has that title')
  }
}

export function listUnitTemplates(db: Db, unitId: number) {
  return db.selectFrom('response_templates').select(['id', 'title', 'body', 'updated_at']).where('unit_id', '=', unitId).orderBy('title').execute()
}

/** Templates of the unit and of its parents (a section uses its dinas's replies too). */
export async function listTemplatesForUnit(db: Db, unitId: number) {
  const result = await sql<{ id: number; title: string; body: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM units WHERE id = ${unitId}
      UNION ALL
      SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
    )
    SELECT t.id, t.title, t.body FROM response_templates t JOIN up ON up.id = t.unit_id ORDER BY t.title, t.id`.execute(db)
  return result.rows
}

interface Actor {
  userId: number
  jurisdictionId: number
  now: Date
}

async function titleTaken(db: Db, unitId: number, title: string, exceptId: number | null) {
  const row = await db
    .selectFrom('response_templates')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('title', '=', title)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst()
  return row !== undefined
}

export async function createTemplate(trx: Transaction<DB>, actor: Actor, input: { unitId: number; title: string; body: string }) {
  if (await titleTaken(trx, input.unitId, input.title, null)) throw new TemplateTitleTakenError()
  const row = await trx
    .insertInto('response_templates')
    .values({ unit_id: input.unitId, title: input.title, body: input.body, created_by_user_id: actor.userId, created_at: actor.now, updated_at: actor.now })
    .returning(['id', 'unit_id', 'title', 'body'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    jurisdictionId: actor.jurisdictionId,
    actorUserId: actor.userId,
    kind: 'created',
    entity: 'response_template',
    entityId: row.id,
    subject: row.title,
    after: row,
    now: actor.now,
  })
  return row
}

/** Updates a template of this unit; false when there is none with that id. */
export async function updateTemplate(trx: Transaction<DB>, actor: Actor, input: { unitId: number; id: number; title: string; body: string }) {
  const before = await trx
    .selectFrom('response_templates')
    .select(['id', 'unit_id', 'title', 'body'])
    .where('id', '=', input.id)
    .where('unit_id', '=', input.unitId)
    .forUpdate()
    .executeTakeFirst()
  if (!before) return false
  if (await titleTaken(trx, input.unitId, input.title, input.id)) throw new TemplateTitleTakenError()
  await trx.updateTable('response_templates').set({ title: input.title, body: input.body, updated_at: actor.now }).where('id', '=', input.id).execute()
  const after = { ...before, title: input.title, body: input.body }
  await recordAudit(trx, {
    jurisdictionId: actor.jurisdictionId,
    actorUserId: actor.userId,
    kind: 'updated',
    entity: 'response_template',
    entityId: input.id,
    subject: input.title,
    before,
    after,
    now: actor.now,
  })
  return true
}

export async function deleteTemplate(trx: Transaction<DB>, actor: Actor, input: { unitId: number; id: number }) {
  const before = await trx
    .selectFrom('response_templates')
    .select(['id', 'unit_id', 'title', 'body'])
    .where('id', '=', input.id)
    .where('unit_id', '=', input.unitId)
    .executeTakeFirst()
  if (!before) return false
  await trx.deleteFrom('response_templates').where('id', '=', input.id).execute()
  await recordAudit(trx, {
    jurisdictionId: actor.jurisdictionId,
    actorUserId: actor.userId,
    kind: 'deleted',
    entity: 'response_template',
    entityId: input.id,
    subject: before.title,
    before,
    now: actor.now,
  })
  return true
}
