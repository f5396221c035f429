import { getFormProps, type getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
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
import { getStaffReport, getStaffScope, getStaffTimeline, listTransferTargets } from '~/models/staff-report.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { mapTilesForPage } from '~/utils/map-tiles.server'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'
import { dbId } from '~/utils/schemas'
import { actorKindFor, QUEUE_ROLES, REPORT_READ_ROLES } from '~/domain/roles'
import type { StaffRole } from '~/domain/vocabulary'

type Intent = 'verify' | 'start' | 'resolve' | 'reject' | 'transfer' | 'public_update' | 'internal_note'

function schema(t: Dictionary) {
  const version = dbId(t.staff.conflict)
  const note = (required: string) => z.string({ error: required }).trim().min(1, required).max(2000, t.validation.noteTooLong)
  const optionalNote = z.string().trim().max(2000, t.validation.noteTooLong).optional()
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('verify'), version, body: optionalNote }),
    z.object({ intent: z.literal('start'), version, body: optionalNote }),
    z.object({ intent: z.literal('resolve'), version, body: note(t.validation.publicNoteRequired) }),
    z.object({ intent: z.literal('reject'), version, reason: z.enum(REJECT_REASONS, { error: t.validation.reasonRequired }), body: optionalNote }),
    z.object({ intent: z.literal('transfer'), version, toUnitId: dbId(t.validation.unitRequired), body: optionalNote }),
    z.object({ intent: z.literal('public_update'), version, body: note(t.validation.noteRequired) }),
    z.object({ intent: z.literal('internal_note'), version, body: note(t.validation.noteRequired) }),
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
  const [timeline, transferUnits, photos, levels] = await Promise.all([
    getStaffTimeline(db, found.report.id),
    scope.readOnly ? [] : listTransferTargets(db, found.report, found.custody),
    listReportPhotos(db, found.report.id),
    escalationLevels(db, [found.report]),
  ])
  const actor = actorKindFor(user.role)
  const actions = scope.readOnly ? [] : allowedActions(found.report.status, actor)
  const notes = scope.readOnly ? [] : NOTE_KINDS.filter((kind) => canAddNote(found.report.status, kind, actor))
  const map = { mapTiles: mapTilesForPage() }
  return { ...found, ...map, readOnly: scope.readOnly, timeline, photos, actions, notes, transferUnits, escalation: levels.get(found.report.id) ?? 0 }
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const code = params.code ?? ''
  // Executives read the page but may not act: requireStaff answers them 403 before anything is parsed or written.
  const { user, db, found, scope } = await loadInScope(request, code, QUEUE_ROLES)
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  const intent = submission.payload.intent as Intent | undefined
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const v = submission.value
  const now = new Date()
  try {
    await db.transaction().execute(async (trx) => {
      if (v.intent === 'public_update' || v.intent === 'internal_note') {
        await addStaffNote(trx, {
          reportId: found.report.id,
          expectedVersion: v.version,
          userId: user.id,
          actorKind: actorKindFor(user.role),
          visibility: v.intent === 'public_update' ? 'public' : 'internal',
          body: v.body,
          now,
        })
        return
      }
      const action = v.intent === 'reject' ? { type: 'reject' as const, reason: v.reason } : { type: v.intent }
      const toUnitId = v.intent === 'transfer' ? v.toUnitId : undefined
      await applyReportAction(trx, {
        reportId: found.report.id,
        expectedVersion: v.version,
        action,
        actor: { kind: actorKindFor(user.role), userId: user.id },
        body: v.body ?? null,
        now,
        toUnitId,
      })
    })
  } catch (error) {
    if (error instanceof TransferNotAllowedError)
      return data({ intent, result: submission.reply({ fieldErrors: { toUnitId: [t.staff.transferInspectorateOnly] } }) }, { status: 400 })
    if (error instanceof NoteNotAllowedError) {
      return data(
        { intent, result: submission.reply({ formErrors: [fill(t.staff.noteNotAllowed, { status: STATUS_LABELS[error.status][locale] })] }) },
        { status: 409 },
      )
    }
    if (error instanceof ReportInputError)
      return data({ intent, result: submission.reply({ fieldErrors: { toUnitId: [t.validation.unknownUnit] } }) }, { status: 400 })
    if (error instanceof ReportConflictError) return data({ intent, result: submission.reply({ formErrors: [t.staff.conflict] }) }, { status: 409 })
    if (error instanceof InvalidTransitionError) return data({ intent, result: submission.reply({ formErrors: [t.staff.notAllowed] }) }, { status: 409 })
    throw error
  }
  // A report transferred out of the user's units leaves their queue.
  if (v.intent === 'transfer' && !scope.wholeJurisdiction && !scope.unitIds.includes(v.toUnitId)) {
    return redirect(`/petugas?dialihkan=${code}`)
  }
  return redirect(`/petugas/laporan/${code}?tersimpan=1`)
}

// After a conflict (409) reload the report, so the forms carry the current version.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => (actionStatus === 409 ? true : defaultShouldRevalidate)

export default function StaffReport() {
  const { report: r, custody, contact, rating, timeline, photos, actions, notes, transferUnits, escalation, readOnly } = useLoaderData<typeof loader>()
  const { mapTiles } = useLoaderData<typeof loader>()
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

      {readOnly ? (
        <p className="notice" role="note">
          {t.staff.readOnly}
        </p>
      ) : (
        <section className="actions" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t.staff.actionsHeading}</h2>
          {can('verify') ? <ActionForm intent="verify" version={r.version} label={t.staff.verify} /> : null}
          {can('start') ? <ActionForm intent="start" version={r.version} label={t.staff.start} /> : null}
          {can('resolve') ? <ActionForm intent="resolve" version={r.version} label={t.staff.resolve} noteLabel={t.staff.resolveNote} /> : null}
          {can('public_update') ? (
            <ActionForm intent="public_update" version={r.version} label={t.staff.publicUpdate} noteLabel={t.staff.publicUpdateLabel} />
          ) : null}
          {can('internal_note') ? (
            <ActionForm intent="internal_note" version={r.version} label={t.staff.internalNote} noteLabel={t.staff.internalNoteLabel} secondary />
          ) : null}
          {can('transfer') && transferUnits.length > 0 ? (
            <ActionForm intent="transfer" version={r.version} label={t.staff.transfer} noteLabel={t.staff.transferNote} units={transferUnits} secondary />
          ) : null}
          {can('transfer') && transferUnits.length === 0 ? <p className="muted small">{t.staff.noTransferTargets}</p> : null}
          {can('reject') ? <ActionForm intent="reject" version={r.version} label={t.staff.reject} noteLabel={t.staff.rejectNote} withReason secondary /> : null}
          {!open ? <p className="muted">{t.staff.noActions}</p> : null}
        </section>
      )}

      <h2>{t.report.timeline}</h2>
      <Timeline events={timeline} timeZone={tz} />
    </>
  )
}

function ActionForm(props: {
  intent: Intent
  version: number
  label: string
  noteLabel?: string
  withReason?: boolean
  units?: { id: number; name: string }[]
  secondary?: boolean
}) {
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form, fields] = useForm({
    id: `form-${props.intent}`,
    lastResult: actionData?.intent === props.intent ? actionData.result : undefined,
    defaultValue: { intent: props.intent, version: props.version },
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Record<'intent' | 'version' | 'body' | 'reason' | 'toUnitId', Parameters<typeof getInputProps>[0]>
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
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
      {props.units ? (
        <SelectField {...getSelectProps(f.toUnitId)} id={f.toUnitId.id} label={t.staff.transferTo} errors={f.toUnitId.errors}>
          <option value="">–</option>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {props.noteLabel ? <TextareaField {...getTextareaProps(f.body)} id={f.body.id} label={props.noteLabel} errors={f.body.errors} rows={3} /> : null}
      <button type="submit" className={props.secondary ? 'secondary' : 'primary'}>
        {props.label}
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
