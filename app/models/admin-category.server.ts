// Categories as the admin edits them (/admin/kategori). The code is the stable key (the
// seed's and Open311's service_code): set at creation, never changed. Target changes reach
// new reports only, since a report's due times are fixed when it is filed.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { ClockKind, PrivacyRule } from '~/domain/vocabulary'
import type { AdminActor } from './admin-unit.server'
import { recordAudit } from './audit.server'

type Db = Kysely<DB> | Transaction<DB>

const COLUMNS = [
  'id',
  'code',
  'group_code',
  'icon',
  'name_id',
  'name_en',
  'description_id',
  'description_en',
  'default_unit_id',
  'privacy_rule',
  'is_misconduct',
  'is_emergency',
  'emergency_advice_id',
  'emergency_advice_en',
  'response_target',
  'response_clock',
  'resolution_target',
  'resolution_clock',
  'sort_order',
  'active',
] as const

export function listCategories(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('categories as c')
    .leftJoin('units as u', 'u.id', 'c.default_unit_id')
    .select([
      'c.id',
      'c.code',
      'c.icon',
      'c.name_id',
      'c.name_en',
      'c.group_code',
      'c.active',
      'c.is_misconduct',
      'c.is_emergency',
      'u.name as default_unit_name',
    ])
    .where('c.jurisdiction_id', '=', jurisdictionId)
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .execute()
}

export function getCategory(db: Db, jurisdictionId: number, id: number) {
  return db.selectFrom('categories').select(COLUMNS).where('jurisdiction_id', '=', jurisdictionId).where('id', '=', id).executeTakeFirst()
}

export function categoryCodeTaken(db: Db, jurisdictionId: number, code: string) {
  return db.selectFrom('categories').select('id').where('jurisdiction_id', '=', jurisdictionId).where('code', '=', code).executeTakeFirst()
}

export interface CategoryInput {
  groupCode: string
  icon: string | null
  nameId: string
  nameEn: string
  descriptionId: string
  descriptionEn: string
  defaultUnitId: number | null
  privacyRule: PrivacyRule
  isMisconduct: boolean
  isEmergency: boolean
  emergencyAdviceId: string | null
  emergencyAdviceEn: string | null
  responseTarget: number
  responseClock: ClockKind
  resolutionTarget: number
  resolutionClock: ClockKind
  sortOrder: number
  active: boolean
}

function columns(input: CategoryInput) {
  return {
    group_code: input.groupCode,
    icon: input.icon,
    name_id: input.nameId,
    name_en: input.nameEn,
    description_id: input.descriptionId,
    description_en: input.descriptionEn,
    default_unit_id: input.defaultUnitId,
    privacy_rule: input.privacyRule,
    is_misconduct: input.isMisconduct,
    is_emergency: input.isEmergency,
    emergency_advice_id: input.emergencyAdviceId,
    emergency_advice_en: input.emergencyAdviceEn,
    response_target: input.responseTarget,
    response_clock: input.responseClock,
    resolution_target: input.resolutionTarget,
    resolution_clock: input.resolutionClock,
    sort_order: input.sortOrder,
    active: input.active,
  }
}

export async function createCategory(trx: Transaction<DB>, actor: AdminActor, code: string, input: CategoryInput) {
  const row = await trx
    .insertInto('categories')
    .values({ jurisdiction_id: actor.jurisdictionId, code, ...columns(input) })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'created',
    entity: 'category',
    entityId: row.id,
    subject: row.code,
    after: row,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return row
}

/** Never touches `code`. */
export async function updateCategory(trx: Transaction<DB>, actor: AdminActor, id: number, input: CategoryInput) {
  const before = await getCategory(trx, actor.jurisdictionId, id)
  if (!before) return null
  const after = await trx
    .updateTable('categories')
    .set(columns(input))
    .where('jurisdiction_id', '=', actor.jurisdictionId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'updated',
    entity: 'category',
    entityId: id,
    subject: after.code,
    before,
    after,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return after
}
