// Report queries and state changes. Every change writes the report and its event in
// the caller's transaction; optimistic concurrency through `version`.
import { randomBytes } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, PrivacyValue, ReportStatusValue } from '#db/types'
import { mayTransferTo } from '~/domain/custody'
import { assertCanAddNote, isFirstResponse, noteEvent, transition, type ActorKind, type EventActor, type ReportAction } from '~/domain/report-status'
import { type EventVisibility, type RatingFixed } from '~/domain/vocabulary'
import { publicPoint } from '~/domain/public-location'
import { canRateResolution, currentResolutionNumber, isConfirmationWindowOpen } from '~/domain/resolution'
import { effectivePrivacy, routeReport } from '~/domain/routing'
import { canonicalSubmission, RESUBMIT_WINDOW_MS, type SubmissionContent } from '~/domain/submission'
import { computeDueAt } from '~/domain/sla'
import { generateTrackingCode } from '~/domain/tracking-code'
import { reporterTemplateFor } from '~/domain/notifications'
import { sealOutboxSecret } from '~/notify/keys.server'
import { randomToken, sha256 } from '~/utils/crypto.server'
import type { NotificationLocale, ReportSource } from '~/domain/vocabulary'
import { notifyReporter, notifyUnitStaff } from './report-notifications.server'
import { attachPhotos } from './report-followup.server'
import type { StoredPhoto } from '~/utils/photos.server'
import { referenceReader } from './reference-cache.server'
import { getActiveCategory, getKelurahan, getRoutingContext, getSlaCalendar } from './reference.server'

type Db = Kysely<DB> | Transaction<DB>

export class ReportInputError extends Error {
  constructor(readonly field: 'categoryId' | 'areaId' | 'toUnitId') {
    super(`Unknown ${field}`)
  }
}

/** The report may not go to that unit (misconduct reports stay in the Inspektorat). */
export class TransferNotAllowedError extends Error {
  constructor() {
    super('This report may only move between Inspektorat units')
  }
}

/** Another change landed first (the version moved on): reload and try again. */
export class ReportConflictError extends Error {
  constructor() {
    super('The report was changed by someone else')
  }
}

export interface NewReportInput {
  jurisdiction: { id: number; time_zone: string; code_prefix: string }
  categoryId: number
  areaId: number
  description: string
  address: string | null
  lat: number | null
  lng: number | null
  privacy: PrivacyValue
  contact: { name: string | null; email: string | null; phone: string | null } | null
  /** The form's key. Replays only the same content from the same browser (see browserId). */
  idempotencyKey: string
  /** The filing browser's random id (utils/browser-id.server.ts); never stored as such. */
  browserId: string
  now: Date
  /** The reporter's language, for the messages they will get. */
  locale?: NotificationLocale
  /** Where the report came from (default 'web'). */
  source?: ReportSource
  /** Already re-encoded and stored (see utils/photos.server.ts). */
  photos?: { storageKey: string; contentType: 'image/jpeg'; sizeBytes: number; width: number; height: number }[]
  /** Open311 attribute values, already checked against the category's definition. */
  attributes?: Record<string, string | string[]> | null
}

export interface FiledReport {
  code: string
  /** The reporter's private-link token (shown once); null when a replay came too late to re-issue it. */
  token: string | null
  replayed: boolean
}

/**
 * How a filing is recognised again. The key alone proves nothing (it sits in the form's
 * HTML and can be copied): it counts only together with the browser and the content.
 */
export function submissionIdentity(input: Pick<NewReportInput, 'browserId' | 'idempotencyKey'> & SubmissionContent) {
  const resubmission = sha256(`${input.browserId}\n${canonicalSubmission(input)}`)
  return { resubmission, key: sha256(`${input.idempotencyKey}\n${resubmission}`) }
}

export async function fileReport(trx: Transaction<DB>, input: NewReportInput): Promise<FiledReport> {
  const identity = submissionIdentity(input)
  const replay = await replayedReport(trx, input, identity)
  if (replay) return replay

  // Reference data as of its current version: one round trip instead of five (ADR 025).
  const read = await referenceReader(trx)
  const j = input.jurisdiction.id
  const [category, kelurahan] = await Promise.all([
    read(`category:${j}:${input.categoryId}`, () => getActiveCategory(trx, j, input.categoryId)),
    read(`kelurahan:${j}:${input.areaId}`, () => getKelurahan(trx, j, input.areaId)),
  ])
  if (!category) throw new ReportInputError('categoryId')
  if (!kelurahan || kelurahan.parent_id === null) throw new ReportInputError('areaId')

  const [routing, calendar] = await Promise.all([
    read(`routing:${j}:${category.id}`, () => getRoutingContext(trx, j, category.id)),
    read(`calendar:${j}:${input.jurisdiction.time_zone}`, () => getSlaCalendar(trx, input.jurisdiction)),
  ])
  const { unitId } = routeReport({
    category: { id: category.id, defaultUnitId: category.default_unit_id, privacyRule: category.privacy_rule, isMisconduct: category.is_misconduct },
    kelurahan: { id: kelurahan.id, kecamatanId: kelurahan.parent_id },
    ...routing,
  })
  const token = randomToken(16)

  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateTrackingCode(input.jurisdiction.code_prefix, (n) => randomBytes(n))
    const inserted = await trx
      .insertInto('reports')
      .values({
        code,
        jurisdiction_id: input.jurisdiction.id,
        category_id: category.id,
        area_id: kelurahan.id,
        lat: input.lat,
        lng: input.lng,
        address: input.address,
        description: input.description,
        privacy: effectivePrivacy(input.privacy, category.privacy_rule),
        status: 'submitted',
        current_unit_id: unitId,
        source: input.source ?? 'web',
        created_at: input.now,
        updated_at: input.now,
        response_due_at: computeDueAt(input.now, category.response_target, category.response_clock, calendar),
        resolution_due_at: computeDueAt(input.now, category.resolution_target, category.resolution_clock, calendar),
        idempotency_key: identity.key,
        resubmission_hash: identity.resubmission,
        reporter_token_hash: sha256(token),
        ...(input.attributes ? { attributes: JSON.stringify(input.attributes) } : {}),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      // Either the code was taken (retry) or a concurrent double submit won the race.
      const raced = await replayedReport(trx, input, identity)
      if (raced) return raced
      continue
    }
    await trx
      .insertInto('report_events')
      .values({
        report_id: inserted.id,
        created_at: input.now,
        actor_kind: 'reporter',
        actor_user_id: null,
        type: 'created',
        to_status: 'submitted',
        to_unit_id: unitId,
        visibility: 'public',
      })
      .execute()
    if (input.photos?.length) {
      await trx
        .insertInto('attachments')
        .values(
          input.photos.map((p) => ({
            report_id: inserted.id,
            phase: 'before' as const,
            storage_key: p.storageKey,
            content_type: p.contentType,
            size_bytes: p.sizeBytes,
            width: p.width,
            height: p.height,
            created_at: input.now,
          })),
        )
        .execute()
    }
    const contact = input.contact
    if (contact && (contact.name || contact.email || contact.phone)) {
      await trx
        .insertInto('report_contacts')
        .values({ report_id: inserted.id, ...contact, created_at: input.now })
        .execute()
      // The private link can only be sent later if the token travels with the message:
      // sealed, and wiped once delivered (ADR 013).
      await notifyReporter(trx, {
        reportId: inserted.id,
        template: 'report_received',
        payload: { code },
        locale: input.locale ?? 'id',
        secret: sealOutboxSecret(token),
        now: input.now,
      })
    }
    await notifyUnitStaff(trx, { unitId, reportId: inserted.id, template: 'staff_new_report', payload: { code }, now: input.now })
    return { code, token, replayed: false }
  }
  throw new Error('Could not allocate a unique report code')
}

/**
 * The report this same browser already filed with this same content: by the key (a
 * double submit), or within the window without it (no-JS Back + submit, the reloaded
 * form has a new key). Within the window the private link is issued again, because the
 * browser only shows the last response; it goes to the same browser only.
 */
async function replayedReport(trx: Transaction<DB>, input: NewReportInput, identity: { key: string; resubmission: string }): Promise<FiledReport | null> {
  const existing = await findResubmitted(trx, input, identity)
  if (!existing) return null
  if (input.now.getTime() - existing.created_at.getTime() > RESUBMIT_WINDOW_MS) return { code: existing.code, token: null, replayed: true }
  const token = randomToken(16)
  await trx
    .updateTable('reports')
    .set({ reporter_token_hash: sha256(token) })
    .where('id', '=', existing.id)
    .execute()
  return { code: existing.code, token, replayed: true }
}

/** The report this browser already filed with this content (see replayedReport), read only. */
export async function findResubmitted(
  db: Db,
  input: Pick<NewReportInput, 'jurisdiction' | 'now'>,
  identity: { key: string; resubmission: string },
): Promise<{ id: number; code: string; created_at: Date } | null> {
  const byKey = await db
    .selectFrom('reports')
    .select(['id', 'code', 'created_at'])
    .where('jurisdiction_id', '=', input.jurisdiction.id)
    .where('idempotency_key', '=', identity.key)
    .executeTakeFirst()
  return (
    byKey ??
    (await db
      .selectFrom('reports')
      .select(['id', 'code', 'created_at'])
      .where('jurisdiction_id', '=', input.jurisdiction.id)
      .where('resubmission_hash', '=', identity.resubmission)
      .where('created_at', '>', new Date(input.now.getTime() - RESUBMIT_WINDOW_MS))
      .where('created_at', '<=', input.now)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst()) ??
    null
  )
}

const reportDetailColumns = [
  'r.id',
  'r.code',
  'r.status',
  'r.privacy',
  'r.description',
  'r.address',
  'r.lat',
  'r.lng',
  'r.created_at',
  'r.first_response_at',
  'r.resolved_at',
  'r.closed_at',
  'r.response_due_at',
  'r.resolution_due_at',
  'r.reopen_count',
  'r.version',
  'r.reject_reason',
  'r.current_unit_id',
  'r.duplicate_of_id',
  'r.supporter_count',
  'r.jurisdiction_id',
  'c.name_id as category_name_id',
  'c.name_en as category_name_en',
  'c.code as category_code',
  'k.name as kelurahan_name',
  'kec.name as kecamatan_name',
  'u.name as unit_name',
  'u.short_name as unit_short_name',
  'j.time_zone',
  'j.name as jurisdiction_name',
] as const

/** A report with its category, unit, kelurahan and kecamatan names (alias `r`); never contacts. */
export function reportDetailQuery(db: Db) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
    .leftJoin('areas as k', 'k.id', 'r.area_id')
    .leftJoin('areas as kec', 'kec.id', 'k.parent_id')
    .select(reportDetailColumns)
}

/**
 * The public view of a report. A confidential report is visible only with the
 * reporter's private token. Never includes contact details, nor the exact point
 * (see domain/public-location: the rounding happens here so no page or .data leaks it).
 */
export async function getPublicReport(db: Db, code: string, token: string | null) {
  const row = await reportDetailQuery(db)
    .select(['r.reporter_token_hash', 'r.supporter_count', 'c.is_misconduct'])
    .where('r.code', '=', code)
    .executeTakeFirst()
  if (!row) return null
  const isReporter = token !== null && row.reporter_token_hash !== null && sha256(token) === row.reporter_token_hash
  if (row.privacy === 'confidential' && !isReporter) return null
  const { reporter_token_hash: _hash, is_misconduct: isMisconduct, lat, lng, ...rest } = row
  const point = publicPoint({ lat, lng }, row.privacy)
  const report = { ...rest, lat: point?.lat ?? null, lng: point?.lng ?? null }
  const ratings = await db
    .selectFrom('ratings')
    .select(['resolution_number', 'score', 'comment', 'fixed', 'created_at'])
    .where('report_id', '=', row.id)
    .orderBy('resolution_number', 'desc')
    .execute()
  const canRate = canRateResolution(
    { status: row.status, reopenCount: row.reopen_count },
    ratings.map((r) => r.resolution_number),
  )
  // `rating`: the latest one (of an earlier resolution while the current one awaits its rating).
  return { report, isReporter, isMisconduct, rating: ratings[0] ?? null, canRate }
}

export function getPublicTimeline(db: Db, reportId: number) {
  return db
    .selectFrom('report_events as e')
    .leftJoin('units as tu', 'tu.id', 'e.to_unit_id')
    .select(['e.id', 'e.type', 'e.created_at', 'e.from_status', 'e.to_status', 'e.body', 'tu.name as to_unit_name'])
    .where('e.report_id', '=', reportId)
    .where('e.visibility', '=', 'public')
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute()
}

export interface ApplyActionInput {
  reportId: number
  expectedVersion: number
  action: ReportAction
  actor: { kind: ActorKind; userId: number | null }
  body: string | null
  now: Date
  /** For a transfer: the unit that takes the report over (same jurisdiction, active). */
  toUnitId?: number
  /** For an assignment: the officer (checked by the caller: services/officer-workflow.server.ts). */
  assigneeUserId?: number
  /** For mark_duplicate: the original (checked by the caller). */
  duplicateOfId?: number
}

/** What a state change did, with the event it wrote (after photos hang on the resolve event). */
export type AppliedAction = ReturnType<typeof transition> & { eventId: number }

/** Columns an action sets besides status and version (ADR 018: claims, assignments, duplicates, proposals). */
function workflowColumns(input: ApplyActionInput, step: ReturnType<typeof transition>) {
  switch (input.action.type) {
    case 'claim':
      return { assigned_user_id: input.actor.userId }
    case 'assign':
      return { assigned_user_id: input.assigneeUserId ?? null }
    // Another unit's report is nobody's there yet.
    case 'transfer':
      return { assigned_user_id: null, reject_proposal_event_id: null }
    case 'mark_duplicate':
      return { duplicate_of_id: input.duplicateOfId ?? null, reject_proposal_event_id: null }
    case 'dismiss_reject_proposal':
      return { reject_proposal_event_id: null }
    default:
      // A report that leaves the open statuses has no proposal left to decide.
      return step.to !== step.from ? { reject_proposal_event_id: null } : {}
  }
}

/** Runs a state-machine action: one update of the report (version-checked) and one event. */
export async function applyReportAction(trx: Transaction<DB>, input: ApplyActionInput): Promise<AppliedAction> {
  const current = await trx
    .selectFrom('reports')
    .select(['status', 'current_unit_id', 'version', 'jurisdiction_id', 'code', 'first_response_at'])
    .where('id', '=', input.reportId)
    .executeTakeFirstOrThrow()
  if (current.version !== input.expectedVersion) throw new ReportConflictError()
  const step = transition(current.status, input.action, input.actor.kind)
  // A duplicate without its original would be a dead end (services/officer-workflow.server.ts links both sides).
  if (input.action.type === 'mark_duplicate' && input.duplicateOfId === undefined) throw new Error('mark_duplicate needs the original report')
  const toUnitId = input.action.type === 'transfer' ? await transferTarget(trx, input.reportId, current, input.toUnitId) : null
  const firstResponse = isFirstResponse({ type: step.eventType, actor: eventActor(input.actor.kind) })
  const updated = await trx
    .updateTable('reports')
    .set((eb) => ({
      status: step.to,
      version: eb('version', '+', 1),
      updated_at: input.now,
      ...(firstResponse ? { first_response_at: sql<Date>`coalesce(first_response_at, ${input.now}::timestamptz)` } : {}),
      ...(step.to === 'resolved' ? { resolved_at: input.now } : {}),
      ...(step.to === 'closed' ? { closed_at: input.now } : {}),
      ...(input.action.type === 'reopen' ? { reopen_count: eb('reopen_count', '+', 1), resolved_at: null } : {}),
      ...(input.action.type === 'reject' ? { reject_reason: input.action.reason } : {}),
      ...(toUnitId !== null ? { current_unit_id: toUnitId } : {}),
      ...workflowColumns(input, step),
    }))
    .where('id', '=', input.reportId)
    .where('version', '=', input.expectedVersion)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new ReportConflictError()
  const eventId = await insertEvent(trx, input, {
    type: step.eventType,
    from: current.status,
    to: step.to,
    fromUnit: toUnitId !== null ? current.current_unit_id : null,
    toUnit: toUnitId,
    visibility: step.visibility,
  })
  if (input.action.type === 'propose_reject') {
    await trx.updateTable('reports').set({ reject_proposal_event_id: eventId }).where('id', '=', input.reportId).execute()
  }
  await notifyOfAction(trx, input, { code: current.code, firstResponse: firstResponse && current.first_response_at === null, toUnitId })
  return { ...step, eventId }
}

/** The reporter's message (and the unit's, for a reopening) for an action, in the same transaction. */
async function notifyOfAction(trx: Transaction<DB>, input: ApplyActionInput, facts: { code: string; firstResponse: boolean; toUnitId: number | null }) {
  const template = reporterTemplateFor(input.action.type, facts.firstResponse)
  if (!template) return
  const payload: Record<string, unknown> = { code: facts.code }
  if (input.action.type === 'reject') payload.reason = input.action.reason
  if (input.action.type === 'mark_duplicate' && input.duplicateOfId !== undefined) {
    payload.originalCode = (await trx.selectFrom('reports').select('code').where('id', '=', input.duplicateOfId).executeTakeFirstOrThrow()).code
  }
  if (facts.toUnitId !== null) {
    const unit = await trx.selectFrom('units').select('name').where('id', '=', facts.toUnitId).executeTakeFirstOrThrow()
    payload.unitName = unit.name
  }
  await notifyReporter(trx, { reportId: input.reportId, template, payload, now: input.now })
  if (input.action.type === 'reopen') {
    const report = await trx.selectFrom('reports').select('current_unit_id').where('id', '=', input.reportId).executeTakeFirstOrThrow()
    await notifyUnitStaff(trx, {
      unitId: report.current_unit_id,
      reportId: input.reportId,
      template: 'staff_reopened',
      payload: { code: facts.code },
      now: input.now,
    })
  }
}

async function transferTarget(
  trx: Transaction<DB>,
  reportId: number,
  report: { jurisdiction_id: number; current_unit_id: number },
  unitId: number | undefined,
) {
  const target = await trx
    .selectFrom('units')
    .select(['id', 'kind'])
    .where('id', '=', unitId ?? -1)
    .where('jurisdiction_id', '=', report.jurisdiction_id)
    .where('active', '=', true)
    .executeTakeFirst()
  if (!target || target.id === report.current_unit_id) throw new ReportInputError('toUnitId')
  if (!mayTransferTo(await custodyFacts(trx, reportId), target)) throw new TransferNotAllowedError()
  return target.id
}

/** What the custody rules (domain/custody.ts) need to know about a report. */
async function custodyFacts(db: Db, reportId: number) {
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .select(['c.is_misconduct', 'r.privacy', 'u.kind'])
    .where('r.id', '=', reportId)
    .executeTakeFirstOrThrow()
  return { isMisconduct: row.is_misconduct, privacy: row.privacy, unitKind: row.kind }
}

function eventActor(kind: ActorKind): EventActor {
  return kind === 'officer' || kind === 'supervisor' ? 'staff' : kind
}

export interface AddNoteInput {
  reportId: number
  expectedVersion: number
  userId: number
  actorKind: ActorKind
  visibility: EventVisibility
  body: string
  now: Date
}

/**
 * A staff note, where the state machine allows one (NoteNotAllowedError otherwise).
 * A public update counts as a response to the citizen; an internal note does not.
 */
export async function addStaffNote(trx: Transaction<DB>, input: AddNoteInput) {
  const kind = input.visibility === 'public' ? 'public_update' : 'internal_note'
  const current = await trx.selectFrom('reports').select(['status', 'version', 'code']).where('id', '=', input.reportId).executeTakeFirstOrThrow()
  // The status decides first: a note on a closed report is refused for what it is.
  assertCanAddNote(current.status, kind, input.actorKind)
  if (current.version !== input.expectedVersion) throw new ReportConflictError()
  const event = noteEvent(kind)
  const firstResponse = isFirstResponse({ type: event.eventType, actor: eventActor(input.actorKind) })
  const updated = await trx
    .updateTable('reports')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: input.now,
      ...(firstResponse ? { first_response_at: sql<Date>`coalesce(first_response_at, ${input.now}::timestamptz)` } : {}),
    }))
    .where('id', '=', input.reportId)
    .where('version', '=', input.expectedVersion)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new ReportConflictError()
  await trx
    .insertInto('report_events')
    .values({
      report_id: input.reportId,
      created_at: input.now,
      actor_kind: eventActor(input.actorKind),
      actor_user_id: input.userId,
      type: event.eventType,
      body: input.body,
      visibility: event.visibility,
    })
    .execute()
  if (kind === 'public_update') {
    await notifyReporter(trx, { reportId: input.reportId, template: 'report_update', payload: { code: current.code, body: input.body }, now: input.now })
  }
}

async function insertEvent(
  trx: Transaction<DB>,
  input: ApplyActionInput,
  e: {
    type: ReturnType<typeof transition>['eventType']
    from: ReportStatusValue
    to: ReportStatusValue
    fromUnit: number | null
    toUnit: number | null
    visibility: EventVisibility
  },
) {
  const actor = eventActor(input.actor.kind)
  const { id } = await trx
    .insertInto('report_events')
    .values({
      report_id: input.reportId,
      created_at: input.now,
      actor_kind: actor,
      actor_user_id: actor === 'staff' ? input.actor.userId : null,
      type: e.type,
      from_status: e.from,
      to_status: e.to,
      from_unit_id: e.fromUnit,
      to_unit_id: e.toUnit,
      body: input.body,
      visibility: e.visibility,
      reject_reason: input.action.type === 'propose_reject' ? input.action.reason : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export interface RatingInput {
  code: string
  token: string
  score: number
  comment: string | null
  fixed: RatingFixed
  /** "Belum beres": why not (the route requires it), written on the public reopening event (ADR 027). */
  reason?: string | null
  /** "Belum beres": an optional photo (already re-encoded), hung on the reopening event. */
  photos?: StoredPhoto[]
  now: Date
}

/** window_passed: "not fixed" after the reporter's 10 working days (the report awaits auto-close). */
export type RatingOutcome = 'closed' | 'reopened' | 'not_allowed' | 'window_passed'

/**
 * The reporter rates the current resolution of a resolved report through the private
 * link. "Fixed: no" reopens it for the unit (and its next resolution is rated again),
 * only within the confirmation window (domain/resolution.ts); otherwise the rating closes it. Rating, event(s) and status in one go.
 */
export async function rateReport(trx: Transaction<DB>, input: RatingInput): Promise<RatingOutcome> {
  const report = await trx
    .selectFrom('reports')
    .select(['id', 'status', 'version', 'reopen_count', 'reporter_token_hash', 'resolved_at', 'jurisdiction_id'])
    .where('code', '=', input.code)
    .forUpdate()
    .executeTakeFirst()
  if (!report || !report.reporter_token_hash || sha256(input.token) !== report.reporter_token_hash) return 'not_allowed'
  if (report.status !== 'resolved') return 'not_allowed'
  if (input.fixed === 'no' && report.resolved_at) {
    const jurisdiction = await trx.selectFrom('jurisdictions').select(['id', 'time_zone']).where('id', '=', report.jurisdiction_id).executeTakeFirstOrThrow()
    if (!isConfirmationWindowOpen(report.resolved_at, input.now, await getSlaCalendar(trx, jurisdiction))) return 'window_passed'
  }
  const resolution = currentResolutionNumber(report.reopen_count)
  const existing = await trx
    .selectFrom('ratings')
    .select('id')
    .where('report_id', '=', report.id)
    .where('resolution_number', '=', resolution)
    .executeTakeFirst()
  if (existing) return 'not_allowed'
  await trx
    .insertInto('ratings')
    .values({ report_id: report.id, resolution_number: resolution, score: input.score, comment: input.comment, fixed: input.fixed, created_at: input.now })
    .execute()
  await trx
    .insertInto('report_events')
    .values({ report_id: report.id, created_at: input.now, actor_kind: 'reporter', actor_user_id: null, type: 'rated', body: null, visibility: 'public' })
    .execute()
  const action: ReportAction = input.fixed === 'no' ? { type: 'reopen' } : { type: 'close' }
  const applied = await applyReportAction(trx, {
    reportId: report.id,
    expectedVersion: report.version,
    action,
    actor: { kind: 'reporter', userId: null },
    body: action.type === 'reopen' ? (input.reason ?? null) : null,
    now: input.now,
  })
  if (action.type === 'reopen') await attachPhotos(trx, { reportId: report.id, eventId: applied.eventId, photos: input.photos ?? [], now: input.now })
  return action.type === 'reopen' ? 'reopened' : 'closed'
}

/**
 * A report's photos. A photo hung on an event is visible as that event is (ADR 027):
 * public pages (`audience: 'public'`) never get those of internal events; staff pages get all.
 */
export function listReportPhotos(db: Db, reportId: number, audience: 'public' | 'staff') {
  let query = db
    .selectFrom('attachments as a')
    .leftJoin('report_events as e', 'e.id', 'a.event_id')
    .select(['a.storage_key', 'a.width', 'a.height', 'a.phase', 'e.visibility'])
    .where('a.report_id', '=', reportId)
  if (audience === 'public') query = query.where((eb) => eb.or([eb('a.event_id', 'is', null), eb('e.visibility', '=', 'public')]))
  return query.orderBy('a.id').execute()
}

/** Who may see a photo is decided by its report (privacy, unit, reporter token) and by its event's visibility. */
export function getPhotoOwner(db: Db, storageKey: string) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('reports as r', 'r.id', 'a.report_id')
    .leftJoin('report_events as e', 'e.id', 'a.event_id')
    .select(['a.content_type', 'r.privacy', 'r.current_unit_id', 'r.jurisdiction_id', 'r.reporter_token_hash', 'e.visibility as event_visibility'])
    .where('a.storage_key', '=', storageKey)
    .executeTakeFirst()
}
