import { getFormProps, type getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { ErrorList, SelectField, TextareaField } from '~/components/field'
import { EscalationBadge } from '~/components/escalation-badge'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ReportFacts } from '~/components/report-facts'
import { PointMap } from '~/components/point-map'
import { ReportPhotos } from '~/components/report-photos'
import { Timeline } from '~/components/timeline'
import { reporterVisibleToHolder } from '~/domain/custody'
import { allowedActions, canAddNote, InvalidTransitionError, NOTE_KINDS, NoteNotAllowedError, REJECT_REASONS, STATUS_LABELS } from '~/domain/report-status'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { addStaffNote, applyReportAction, listReportPhotos, ReportConflictError, ReportInputError, TransferNotAllowedError } from '~/models/report.server'
import { escalationLevels } from '~/models/escalation.server'
import { listTemplatesForUnit } from '~/models/response-template.server'
import { getDuplicateOfCode, getLatestChange, getPendingRejectProposal } from '~/models/report-workflow.server'
import {
  getStaffReport,
  getStaffScope,
  getStaffTimeline,
  listAssignableStaff,
  listDuplicateCandidates,
  listTransferTargets,
} from '~/models/staff-report.server'
import { AssigneeNotAllowedError, assignReport, markDuplicate, OriginalRefusedError, resolveWithPhotos } from '~/services/officer-workflow.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { mapTilesForPage } from '~/utils/map-tiles.server'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { isAcceptedPhotoType, MAX_PHOTO_BYTES, MAX_PHOTOS, TOO_LARGE } from '~/utils/photo-rules'
import { deletePhotos, PhotoError, storePhoto, type StoredPhoto } from '~/utils/photos.server'
import { readRequestForm } from '~/utils/request-form.server'
import { dbId } from '~/utils/schemas'
import { actorKindFor, QUEUE_ROLES, REPORT_READ_ROLES } from '~/domain/roles'
import type { StaffRole } from '~/domain/vocabulary'

type Intent =
  | 'verify'
  | 'start'
  | 'resolve'
  | 'reject'
  | 'transfer'
  | 'public_update'
  | 'internal_note'
  | 'claim'
  | 'assign'
  | 'mark_duplicate'
  | 'propose_reject'
  | 'dismiss_reject_proposal'

function schema(t: Dictionary) {
  const version = dbId(t.staff.conflict)
  const note = (required: string) => z.string({ error: required }).trim().min(1, required).max(2000, t.validation.noteTooLong)
  const optionalNote = z.string().trim().max(2000, t.validation.noteTooLong).optional()
  const reason = z.enum(REJECT_REASONS, { error: t.validation.reasonRequired })
  const photos = z
    .array(z.union([z.instanceof(File), z.string()]))
    .max(MAX_PHOTOS, t.validation.tooManyPhotos)
    .superRefine((items, ctx) => {
      for (const item of items) {
        if (typeof item === 'string') ctx.addIssue({ code: 'custom', message: item === TOO_LARGE ? t.validation.photoTooLarge : t.validation.photoType })
        else if (!isAcceptedPhotoType(item.type)) ctx.addIssue({ code: 'custom', message: t.validation.photoType })
      }
    })
    .optional()
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('verify'), version, body: optionalNote }),
    z.object({ intent: z.literal('start'), version, body: optionalNote }),
    z.object({ intent: z.literal('resolve'), version, body: note(t.validation.publicNoteRequired), photos }),
    z.object({ intent: z.literal('reject'), version, reason, body: note(t.officer.rejectExplanationRequired) }),
    z.object({ intent: z.literal('transfer'), version, toUnitId: dbId(t.validation.unitRequired), body: note(t.officer.transferReasonRequired) }),
    z.object({ intent: z.literal('public_update'), version, body: note(t.validation.noteRequired) }),
    z.object({ intent: z.literal('internal_note'), version, body: note(t.validation.noteRequired) }),
    z.object({ intent: z.literal('claim'), version }),
    z.object({ intent: z.literal('assign'), version, assigneeId: dbId(t.officer.assigneeRequired) }),
    z.object({ intent: z.literal('mark_duplicate'), version, originalId: dbId(t.officer.duplicateRequired), body: optionalNote }),
    z.object({ intent: z.literal('propose_reject'), version, reason, body: optionalNote }),
    z.object({ intent: z.literal('dismiss_reject_proposal'), version, body: optionalNote }),
  ])
}

async function loadInScope(request: Request, code: string, roles: readonly StaffRole[]) {
  const user = await requireStaff(request, roles)
  const db = await getDb()
  const scope = await getStaffScope(db, user)
  // The scope is part of the query: a report of another unit is simply not found.
  const found = await getStaffReport(db, scope, code)
  if (!found) throw new Response('Not found', { status: 404 })
  return { user, db, found, scope }
}

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, found, scope } = await loadInScope(request, params.code ?? '', REPORT_READ_ROLES)
  const r = found.report
  const actor = actorKindFor(user.role)
  const actions = scope.readOnly ? [] : allowedActions(r.status, actor)
  const notes = scope.readOnly ? [] : NOTE_KINDS.filter((kind) => canAddNote(r.status, kind, actor))
  const url = new URL(request.url)
  const unitQuery = (url.searchParams.get('unit') ?? '').trim().toLowerCase().slice(0, 100)
  const [timeline, transferUnits, photos, levels, assignable, candidates, templates, proposal, duplicateOfCode] = await Promise.all([
    getStaffTimeline(db, r.id),
    actions.includes('transfer') ? listTransferTargets(db, r, found.custody) : [],
    listReportPhotos(db, r.id, 'staff'),
    escalationLevels(db, [r]),
    actions.includes('assign') ? listAssignableStaff(db, scope, r) : [],
    actions.includes('mark_duplicate') ? listDuplicateCandidates(db, scope, r.id) : [],
    notes.includes('public_update') ? listTemplatesForUnit(db, r.current_unit_id) : [],
    getPendingRejectProposal(db, r.id),
    getDuplicateOfCode(db, r.duplicate_of_id),
  ])
  const assignee =
    r.assigned_user_id === null ? null : ((await db.selectFrom('users').select('name').where('id', '=', r.assigned_user_id).executeTakeFirst())?.name ?? null)
  // ?templat=<id> prefills the public update (works without JS; with JS the select does it at once).
  const chosenTemplate = templates.find((tpl) => String(tpl.id) === url.searchParams.get('templat')) ?? null
  // ?unit=<text> narrows the transfer list (a filter box that works without JS); the triage desk stays offered.
  const shownUnits = unitQuery ? transferUnits.filter((u) => u.triage || `${u.name} ${u.short_name}`.toLowerCase().includes(unitQuery)) : transferUnits
  return {
    ...found,
    readOnly: scope.readOnly,
    timeline,
    photos,
    actions,
    notes,
    transferUnits: shownUnits,
    unitQuery,
    escalation: levels.get(r.id) ?? 0,
    assignee,
    assignable,
    candidates,
    templates,
    chosenTemplate,
    proposal,
    duplicateOfCode,
    userId: user.id,
    mapTiles: mapTilesForPage(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const code = params.code ?? ''
  // Executives read the page but may not act: requireStaff answers them 403 before anything is parsed or written.
  const { user, db, found, scope } = await loadInScope(request, code, QUEUE_ROLES)
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const form = await readRequestForm(request, { files: { field: 'photos', max: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES } })
  const submission = parseForm(form, schema(t), t)
  const intent = submission.payload.intent as Intent | undefined
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const v = submission.value
  const now = new Date()
  const reportId = found.report.id
  const actor = { kind: actorKindFor(user.role), userId: user.id }
  const base = { reportId, expectedVersion: v.version, actor, now }
  const refuse = (status: number, errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) =>
    data({ intent, result: submission.reply(errors) }, { status })
  // After photos are re-encoded before the transaction (CPU work, no locks held) and removed again if it fails.
  const stored: StoredPhoto[] = []
  try {
    if (v.intent === 'resolve')
      for (const file of (v.photos ?? []).filter((p): p is File => typeof p !== 'string' && p.size > 0)) stored.push(await storePhoto(file))
    await db.transaction().execute(async (trx) => {
      switch (v.intent) {
        case 'public_update':
        case 'internal_note':
          await addStaffNote(trx, {
            reportId,
            expectedVersion: v.version,
            userId: user.id,
            actorKind: actor.kind,
            visibility: v.intent === 'public_update' ? 'public' : 'internal',
            body: v.body,
            now,
          })
          return
        case 'resolve':
          await resolveWithPhotos(trx, { ...base, body: v.body, photos: stored })
          return
        case 'assign':
          await assignReport(trx, { ...base, body: null, assigneeUserId: v.assigneeId, scope })
          return
        case 'mark_duplicate':
          await markDuplicate(trx, { ...base, body: v.body ?? null, originalId: v.originalId, scope })
          return
        default: {
          const action = v.intent === 'reject' || v.intent === 'propose_reject' ? { type: v.intent, reason: v.reason } : { type: v.intent }
          await applyReportAction(trx, {
            ...base,
            action,
            body: 'body' in v ? (v.body ?? null) : null,
            toUnitId: v.intent === 'transfer' ? v.toUnitId : undefined,
          })
        }
      }
    })
  } catch (error) {
    await deletePhotos(stored.map((p) => p.storageKey))
    if (error instanceof PhotoError) {
      const message = { not_an_image: t.validation.photoUnreadable, too_many_pixels: t.validation.photoTooManyPixels, busy: t.validation.photoBusy }[
        error.reason
      ]
      return refuse(error.reason === 'busy' ? 503 : 400, { fieldErrors: { photos: [message] } })
    }
    if (error instanceof TransferNotAllowedError) return refuse(400, { fieldErrors: { toUnitId: [t.staff.transferInspectorateOnly] } })
    if (error instanceof AssigneeNotAllowedError) return refuse(400, { fieldErrors: { assigneeId: [t.officer.assigneeUnknown] } })
    if (error instanceof OriginalRefusedError) return refuse(400, { fieldErrors: { originalId: [t.officer.duplicateRefused] } })
    if (error instanceof NoteNotAllowedError)
      return refuse(409, { formErrors: [fill(t.staff.noteNotAllowed, { status: STATUS_LABELS[error.status][locale] })] })
    if (error instanceof ReportInputError) return refuse(400, { fieldErrors: { toUnitId: [t.validation.unknownUnit] } })
    if (error instanceof ReportConflictError)
      return refuse(409, { formErrors: [t.staff.conflict, await conflictDetail(reportId, t, locale, found.report.time_zone)] })
    if (error instanceof InvalidTransitionError) return refuse(409, { formErrors: [t.staff.notAllowed] })
    throw error
  }
  // A report transferred out of the user's units leaves their queue.
  if (v.intent === 'transfer' && !scope.wholeJurisdiction && !scope.unitIds.includes(v.toUnitId)) {
    return redirect(`/petugas?dialihkan=${code}`)
  }
  return redirect(`/petugas/laporan/${code}?tersimpan=1`)
}

/** What the other person did: the latest event, in words ("who changed it, what, when"). */
async function conflictDetail(reportId: number, t: Dictionary, locale: 'id' | 'en', timeZone: string) {
  const latest = await getLatestChange(await getDb(), reportId)
  if (!latest) return ''
  const what = fill((t.events as Record<string, string>)[latest.type] ?? latest.type, {
    unit: '',
    status: latest.to_status ? STATUS_LABELS[latest.to_status][locale] : '',
  })
  const change = latest.visibility === 'public' && latest.body ? `${what} (“${latest.body.slice(0, 200)}”)` : what
  return fill(t.officer.conflictWith, { change, name: latest.actor_name ?? t.officer.someone, time: formatDateTime(latest.created_at, locale, timeZone) })
}

// After a conflict (409) reload the report, so the forms carry the current version.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => (actionStatus === 409 ? true : defaultShouldRevalidate)

type View = ReturnType<typeof useLoaderData<typeof loader>>

export default function StaffReport() {
  const view = useLoaderData<typeof loader>()
  const { report: r, custody, contact, rating, timeline, photos, actions, notes, escalation, readOnly, proposal, mapTiles } = view
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t, locale } = useLocale()
  const tz = r.time_zone
  const can = (a: string) => (actions as string[]).includes(a) || (notes as string[]).includes(a)
  const open = actions.length > 0 || notes.length > 0
  return (
    <>
      <p>
        <Link to="/petugas">← {t.staff.back}</Link>
      </p>
      {searchParams.get('tersimpan') && !actionData ? (
        <p className="notice success" role="status">
          {t.staff.done}
        </p>
      ) : null}
      <h1>
        {fill(t.report.heading, { code: r.code })} <EscalationBadge level={escalation} />
      </h1>
      <ReportFacts report={r}>
        {r.lat !== null && r.lng !== null ? (
          <>
            <dt>{t.staff.coordinates}</dt>
            <dd>
              {r.lat.toFixed(5)}, {r.lng.toFixed(5)} ·{' '}
              <a href={`https://www.openstreetmap.org/?mlat=${r.lat}&mlon=${r.lng}#map=18/${r.lat}/${r.lng}`} target="_blank" rel="noreferrer">
                {t.staff.openMap}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t.staff.privacy}</dt>
        <dd>{t.privacy[r.privacy]}</dd>
        <dt>{t.staff.reporter}</dt>
        <dd>
          {r.privacy === 'anonymous'
            ? t.staff.reporterHidden
            : readOnly
              ? t.staff.reporterNotForExecutives
              : !reporterVisibleToHolder(custody)
                ? t.staff.reporterInspectorateOnly
                : contact
                  ? [contact.name, contact.email, contact.phone].filter(Boolean).join(' · ')
                  : t.staff.reporterNone}
        </dd>
        <dt>{t.officer.assignee}</dt>
        <dd>{view.assignee ?? t.officer.unassigned}</dd>
        {view.duplicateOfCode ? (
          <>
            <dt>{t.report.status}</dt>
            <dd>
              <Link to={`/petugas/laporan/${view.duplicateOfCode}`}>{fill(t.officer.duplicateOf, { code: view.duplicateOfCode })}</Link>
            </dd>
          </>
        ) : null}
        {r.supporter_count > 0 ? (
          <>
            <dt>{t.officer.supportersLabel}</dt>
            <dd>{fill(t.officer.supporters, { count: r.supporter_count })}</dd>
          </>
        ) : null}
        <dt>{t.report.submittedAt}</dt>
        <dd>{formatDateTime(r.created_at, locale, tz)}</dd>
        <dt>{t.report.responseDue}</dt>
        <dd>{formatDateTime(r.response_due_at, locale, tz)}</dd>
        <dt>{t.report.resolutionDue}</dt>
        <dd>{formatDateTime(r.resolution_due_at, locale, tz)}</dd>
        {rating ? (
          <>
            <dt>{fill(t.staff.rating, { score: rating.score })}</dt>
            <dd>
              {fill(t.staff.ratingFixed, {
                fixed: rating.fixed === 'yes' ? t.report.fixedYes : rating.fixed === 'no' ? t.report.fixedNo : t.report.fixedUnknown,
              })}
              {rating.comment ? <p className="body">“{rating.comment}”</p> : null}
            </dd>
          </>
        ) : null}
      </ReportFacts>
      {r.lat !== null && r.lng !== null ? <PointMap tiles={mapTiles} point={{ lat: r.lat, lng: r.lng }} rounded={false} link={false} /> : null}
      <h2>{t.report.description}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{r.description}</p>
      <ReportPhotos photos={photos} />

      {proposal && !readOnly ? (
        <div className="notice" role="note" data-testid="reject-proposal">
          <strong>{fill(t.officer.proposalHeading, { reason: proposal.reject_reason ? t.rejectReasons[proposal.reject_reason] : '–' })}</strong>
          <p className="small">
            {fill(t.officer.proposalBy, { name: proposal.actor_name ?? t.officer.someone })} · {formatDateTime(proposal.created_at, locale, tz)}
          </p>
          {proposal.body ? <p className="body">{proposal.body}</p> : null}
        </div>
      ) : null}

      {readOnly ? (
        <p className="notice" role="note">
          {t.staff.readOnly}
        </p>
      ) : (
        <section className="actions" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t.staff.actionsHeading}</h2>
          {can('claim') && r.assigned_user_id !== view.userId ? <ActionForm intent="claim" version={r.version} label={t.officer.claim} /> : null}
          {can('assign') && view.assignable.length > 0 ? <AssignForm version={r.version} staff={view.assignable} current={r.assigned_user_id} /> : null}
          {can('verify') ? <ActionForm intent="verify" version={r.version} label={t.staff.verify} /> : null}
          {can('start') ? <ActionForm intent="start" version={r.version} label={t.staff.start} /> : null}
          {can('resolve') ? <ResolveForm version={r.version} /> : null}
          {can('public_update') ? <PublicUpdateForm view={view} /> : null}
          {can('internal_note') ? (
            <ActionForm intent="internal_note" version={r.version} label={t.staff.internalNote} noteLabel={t.staff.internalNoteLabel} secondary />
          ) : null}
          {can('transfer') ? <TransferForm view={view} /> : null}
          {can('mark_duplicate') ? <DuplicateForm view={view} /> : null}
          {can('propose_reject') && !proposal ? (
            <ActionForm
              intent="propose_reject"
              version={r.version}
              label={t.officer.proposeReject}
              noteLabel={t.officer.proposeRejectNote}
              withReason
              secondary
            />
          ) : null}
          {can('reject') ? (
            <ActionForm
              intent="reject"
              version={r.version}
              label={t.staff.reject}
              noteLabel={t.officer.rejectExplanation}
              withReason
              defaultReason={proposal?.reject_reason ?? undefined}
              secondary
            />
          ) : null}
          {can('dismiss_reject_proposal') && proposal ? (
            <ActionForm intent="dismiss_reject_proposal" version={r.version} label={t.officer.dismissProposal} noteLabel={t.officer.dismissNote} secondary />
          ) : null}
          {!open ? <p className="muted">{t.staff.noActions}</p> : null}
        </section>
      )}

      <h2>{t.report.timeline}</h2>
      <Timeline events={timeline} timeZone={tz} />
    </>
  )
}

type Fields = Record<'intent' | 'version' | 'body' | 'reason' | 'toUnitId' | 'assigneeId' | 'originalId' | 'photos', Parameters<typeof getInputProps>[0]>

/** One action's form: its intent, the report's version (the conflict check), optional reason and note, and extra fields. */
function ActionForm(props: {
  intent: Intent
  version: number
  label: string
  noteLabel?: string
  withReason?: boolean
  defaultReason?: string
  defaultBody?: string
  secondary?: boolean
  multipart?: boolean
  children?: (f: Fields) => ReactNode
}) {
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form, fields] = useForm({
    id: `form-${props.intent}`,
    lastResult: actionData?.intent === props.intent ? actionData.result : undefined,
    defaultValue: { intent: props.intent, version: props.version, reason: props.defaultReason, body: props.defaultBody },
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Fields
  return (
    <Form method="post" {...getFormProps(form)} encType={props.multipart ? 'multipart/form-data' : undefined} noValidate>
      <ErrorList errors={form.errors} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="version" value={props.version} />
      {props.withReason ? (
        <SelectField {...getSelectProps(f.reason)} id={f.reason.id} label={t.staff.rejectReason} errors={f.reason.errors}>
          <option value="">–</option>
          {REJECT_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t.rejectReasons[reason]}
            </option>
          ))}
        </SelectField>
      ) : null}
      {props.children?.(f)}
      {props.noteLabel ? <TextareaField {...getTextareaProps(f.body)} id={f.body.id} label={props.noteLabel} errors={f.body.errors} rows={3} /> : null}
      <button type="submit" className={props.secondary ? 'secondary' : 'primary'}>
        {props.label}
      </button>
    </Form>
  )
}

function AssignForm({ version, staff, current }: { version: number; staff: View['assignable']; current: number | null }) {
  const { t } = useLocale()
  return (
    <ActionForm intent="assign" version={version} label={t.officer.assign} secondary>
      {(f) => (
        <SelectField
          {...getSelectProps(f.assigneeId)}
          id={f.assigneeId.id}
          label={t.officer.assignTo}
          errors={f.assigneeId.errors}
          defaultValue={current ?? ''}
        >
          <option value="">–</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.unit_short_name})
            </option>
          ))}
        </SelectField>
      )}
    </ActionForm>
  )
}

function ResolveForm({ version }: { version: number }) {
  const { t } = useLocale()
  return (
    <ActionForm intent="resolve" version={version} label={t.staff.resolve} noteLabel={t.staff.resolveNote} multipart>
      {(f) => (
        <div className="field">
          <label htmlFor={f.photos.id}>{t.officer.afterPhotos}</label>
          <span className="hint" id={`${f.photos.id}-hint`}>
            {t.officer.afterPhotosHint}
          </span>
          <input
            id={f.photos.id}
            name="photos"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            aria-describedby={`${f.photos.id}-hint${f.photos.errors?.length ? ` ${f.photos.id}-error` : ''}`}
            aria-invalid={f.photos.errors?.length ? true : undefined}
          />
          <ErrorList id={`${f.photos.id}-error`} errors={f.photos.errors} />
        </div>
      )}
    </ActionForm>
  )
}

/** A public update, optionally started from one of the unit's templates (GET ?templat=, or at once with JS). */
function PublicUpdateForm({ view }: { view: View }) {
  const { t } = useLocale()
  const chosen = view.chosenTemplate
  const fillFromTemplate = (id: string) => {
    const tpl = view.templates.find((x) => String(x.id) === id)
    const textarea = document.getElementById('form-public_update-body')
    if (tpl && textarea instanceof HTMLTextAreaElement) textarea.value = tpl.body
  }
  return (
    <>
      {view.templates.length > 0 ? (
        <Form method="get" className="template-picker" preventScrollReset>
          <label htmlFor="template-pick">{t.officer.templatePick}</label>{' '}
          <select id="template-pick" name="templat" defaultValue={chosen?.id ?? ''} onChange={(e) => fillFromTemplate(e.currentTarget.value)}>
            <option value="">{t.officer.templateNone}</option>
            {view.templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.title}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="secondary">
            {t.officer.templateInsert}
          </button>
        </Form>
      ) : null}
      <ActionForm
        key={chosen?.id ?? 'none'}
        intent="public_update"
        version={view.report.version}
        label={t.staff.publicUpdate}
        noteLabel={t.staff.publicUpdateLabel}
        defaultBody={chosen?.body}
      />
    </>
  )
}

/** Disposisi: a reason and a target unit from a list narrowed by a filter box (GET ?unit=, works without JS). */
function TransferForm({ view }: { view: View }) {
  const { t } = useLocale()
  const triage = view.transferUnits.filter((u) => u.triage)
  const others = view.transferUnits.filter((u) => !u.triage)
  return (
    <>
      <Form method="get" className="unit-filter" preventScrollReset>
        <label htmlFor="unit-filter">{t.officer.transferFilter}</label>{' '}
        <input id="unit-filter" type="search" name="unit" defaultValue={view.unitQuery} maxLength={100} />{' '}
        <button type="submit" className="secondary">
          {t.officer.transferFilterButton}
        </button>
      </Form>
      {view.transferUnits.length === 0 && !view.unitQuery ? <p className="muted small">{t.staff.noTransferTargets}</p> : null}
      <ActionForm intent="transfer" version={view.report.version} label={t.staff.transfer} noteLabel={t.staff.transferNote} secondary>
        {(f) => (
          <SelectField {...getSelectProps(f.toUnitId)} id={f.toUnitId.id} label={t.staff.transferTo} errors={f.toUnitId.errors}>
            <option value="">–</option>
            {triage.length ? (
              <optgroup label={t.officer.transferTriage}>
                {triage.map((u) => (
                  <option key={u.id} value={u.id}>
                    {t.officer.transferTriage}: {u.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {others.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
        )}
      </ActionForm>
    </>
  )
}

function DuplicateForm({ view }: { view: View }) {
  const { t, locale } = useLocale()
  return (
    <details className="duplicate-candidates">
      <summary>{t.officer.duplicateHeading}</summary>
      <p className="small">{t.officer.duplicateIntro}</p>
      {view.candidates.length === 0 ? (
        <p className="muted">{t.officer.duplicateNone}</p>
      ) : (
        <ActionForm intent="mark_duplicate" version={view.report.version} label={t.officer.duplicateMark} noteLabel={t.officer.duplicateNote} secondary>
          {(f) => (
            <fieldset aria-describedby={f.originalId.errors?.length ? `${f.originalId.id}-error` : undefined}>
              <legend>{t.officer.duplicateOriginal}</legend>
              {view.candidates.map((c) => (
                <label key={c.id}>
                  <input type="radio" name="originalId" value={c.id} /> <span className="code">{c.code}</span> · {c.kelurahan_name ?? '–'} ·{' '}
                  {formatDateTime(c.created_at, locale, view.report.time_zone)}
                  <span className="small muted"> — {c.description.slice(0, 120)}</span>
                </label>
              ))}
              <ErrorList id={`${f.originalId.id}-error`} errors={f.originalId.errors} />
            </fieldset>
          )}
        </ActionForm>
      )}
    </details>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
