import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextareaField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ReportFacts } from '~/components/report-facts'
import { ReportPhotos } from '~/components/report-photos'
import { Timeline } from '~/components/timeline'
import { isConfirmationWindowOpen } from '~/domain/resolution'
import { isOverdue } from '~/domain/sla'
import { RATING_FIXED } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { getSlaCalendar } from '~/models/reference.server'
import { getPublicReport, getPublicTimeline, listReportPhotos, rateReport } from '~/models/report.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { publicPathFor } from '~/utils/jurisdiction.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { passRetryAfter } from '~/utils/headers'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { waitText } from '~/utils/wait-text'
import { readReportFlash } from '~/utils/report-flash.server'
import { readRequestForm } from '~/utils/request-form.server'

// The private link carries a secret: never leak it to other sites, never cache it.
export const headers = passRetryAfter({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' })

function ratingSchema(t: Dictionary) {
  return z.object({
    token: z.string().min(10),
    score: z.number({ error: t.validation.score }).int().min(1, t.validation.score).max(5, t.validation.score),
    fixed: z.enum(RATING_FIXED, { error: t.validation.fixed }),
    comment: z.string().trim().max(1000, t.validation.commentTooLong).optional(),
  })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const url = new URL(request.url)
  const { flash, clear } = await readReportFlash(request, code)
  const token = url.searchParams.get('t') ?? flash?.token ?? null
  const db = await getDb()
  const found = await getPublicReport(db, code, token)
  if (!found) throw new Response('Not found', { status: 404 })
  const [timeline, photos] = await Promise.all([getPublicTimeline(db, found.report.id), listReportPhotos(db, found.report.id)])
  const { resolved_at: resolvedAt, jurisdiction_id: jurisdictionId, time_zone: timeZone } = found.report
  // "Belum beres" is offered only within the reporter's 10 working days (ADR 012).
  const canReopen =
    found.canRate &&
    resolvedAt !== null &&
    isConfirmationWindowOpen(resolvedAt, new Date(), await getSlaCalendar(db, { id: jurisdictionId, time_zone: timeZone }))
  const origin = getEnv().APP_BASE_URL ?? url.origin
  const payload = {
    report: found.report,
    rating: found.rating,
    // Each resolution can be confirmed or rejected by the reporter, once.
    canRate: found.isReporter && found.canRate,
    canReopen,
    timeline,
    photos,
    // The token is only handed back to someone who already holds it.
    token: found.isReporter ? token : null,
    privateLink: flash?.token ? `${origin}${await publicPathFor(request, `/laporan/${code}`)}?t=${flash.token}` : null,
    justFiled: Boolean(flash),
    replayed: flash?.replayed ?? false,
    ratedOutcome: url.searchParams.get('dinilai'),
    now: new Date(),
  }
  return clear ? data(payload, { headers: { 'Set-Cookie': clear } }) : payload
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = getDictionary(await getLocale(request))
  const code = params.code ?? ''
  const submission = parseForm(await readRequestForm(request), ratingSchema(t), t)
  const limited = await consumeLimit('privateLink', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data({ result: submission.reply({ formErrors: [message] }), notAllowed: false }, { status: 429, headers: retryAfterHeaders(limited) })
  }
  if (submission.status !== 'success') return data({ result: submission.reply(), notAllowed: false }, { status: 400 })
  const v = submission.value
  const outcome = await (
    await getDb()
  )
    .transaction()
    .execute((trx) => rateReport(trx, { code, token: v.token, score: v.score, comment: v.comment ?? null, fixed: v.fixed, now: new Date() }))
  // The form stays (values kept): "Sudah beres" is still possible after the window.
  if (outcome === 'window_passed') return data({ result: submission.reply({ formErrors: [t.clocks.rateWindowPassed] }), notAllowed: false }, { status: 409 })
  if (outcome === 'not_allowed') return data({ result: submission.reply({ formErrors: [t.report.rateNotAllowed] }), notAllowed: true }, { status: 409 })
  return redirect(`${await publicPathFor(request, `/laporan/${code}`)}?t=${encodeURIComponent(v.token)}&dinilai=${outcome}`)
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const r = d.report
  const tz = r.time_zone
  const now = new Date(d.now)
  const overdue = isOverdue(new Date(r.resolution_due_at), r.resolved_at ? new Date(r.resolved_at) : null, now)
  return (
    <>
      {d.justFiled ? (
        <div className="notice success" role="status">
          <h2>{t.report.createdHeading}</h2>
          {d.replayed ? <p>{t.report.replayed}</p> : null}
          {/* A confidential report is never found by its code (not even "exists"): only the private link shows it. */}
          <p>{fill(r.privacy === 'confidential' ? t.report.createdCodeConfidential : t.report.createdCode, { code: r.code })}</p>
          {d.privateLink ? (
            <>
              <h3>{t.report.privateLinkHeading}</h3>
              <p>{t.report.privateLinkText}</p>
              <a className="private-link" href={d.privateLink} data-testid="private-link">
                {d.privateLink}
              </a>
            </>
          ) : null}
        </div>
      ) : null}
      {d.ratedOutcome ? (
        <div className="notice success" role="status">
          {d.ratedOutcome === 'reopened' ? t.report.ratedReopened : t.report.rated}
        </div>
      ) : null}

      <h1>{fill(t.report.heading, { code: r.code })}</h1>
      {r.privacy === 'confidential' ? <p className="notice warning">{t.report.confidentialBadge}</p> : null}
      <ReportFacts report={r}>
        <dt>{t.report.submittedAt}</dt>
        <dd>{formatDateTime(r.created_at, locale, tz)}</dd>
        {r.first_response_at ? null : (
          <>
            <dt>{t.report.responseDue}</dt>
            <dd>{formatDateTime(r.response_due_at, locale, tz)}</dd>
          </>
        )}
        <dt>{t.report.resolutionDue}</dt>
        <dd>
          {formatDateTime(r.resolution_due_at, locale, tz)} {overdue ? <span className="overdue">({t.report.overdue})</span> : null}
        </dd>
        {r.resolved_at ? (
          <>
            <dt>{t.report.resolvedAt}</dt>
            <dd>{formatDateTime(r.resolved_at, locale, tz)}</dd>
          </>
        ) : null}
      </ReportFacts>
      <h2>{t.report.description}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{r.description}</p>
      <ReportPhotos photos={d.photos} token={r.privacy === 'confidential' ? d.token : null} />

      {d.token && d.canRate ? <RatingForm token={d.token} canReopen={d.canReopen} /> : null}
      {d.token && d.rating && !d.canRate ? <p className="notice">{fill(t.report.yourRating, { score: d.rating.score })}</p> : null}

      <h2>{t.report.timeline}</h2>
      <Timeline events={d.timeline} timeZone={tz} />
    </>
  )
}

function RatingForm({ token, canReopen }: { token: string; canReopen: boolean }) {
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { token },
    onValidate: ({ formData }) => parseForm(formData, ratingSchema(t), t),
    shouldValidate: 'onSubmit',
    // After a refused submit, a corrected choice clears its message at once.
    shouldRevalidate: 'onInput',
  })
  const fixedLabels = { yes: t.report.fixedYes, no: t.report.fixedNo, unknown: t.report.fixedUnknown }
  return (
    <section aria-labelledby="rate-heading">
      <h2 id="rate-heading">{t.report.rateHeading}</h2>
      <p>{t.report.rateIntro}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      {/* Conform's props give each radio its form, name, checked state, aria-invalid and
          aria-describedby pointing at the field's error (errorId), so messages clear on correction. */}
      <Form method="post" {...getFormProps(form)} noValidate>
        <input {...getInputProps(fields.token, { type: 'hidden' })} />
        <fieldset aria-describedby={fields.score.errors ? fields.score.errorId : undefined}>
          <legend>{t.report.score}</legend>
          {getCollectionProps(fields.score, { type: 'radio', options: ['1', '2', '3', '4', '5'] }).map(({ key, ...props }) => (
            <div className="choice" key={key}>
              {/* Stable ids (score-N) that links and tests rely on. */}
              <input {...props} id={`score-${props.value}`} />
              <label htmlFor={`score-${props.value}`}>
                {'★'.repeat(Number(props.value))} {props.value}
              </label>
            </div>
          ))}
          <ErrorList id={fields.score.errorId} errors={fields.score.errors} />
        </fieldset>
        <fieldset aria-describedby={fields.fixed.errors ? fields.fixed.errorId : undefined}>
          <legend>{t.report.fixed}</legend>
          {!canReopen ? <p className="small muted">{t.clocks.reopenWindowClosed}</p> : null}
          {getCollectionProps(fields.fixed, { type: 'radio', options: canReopen ? ['yes', 'no', 'unknown'] : ['yes', 'unknown'] }).map(({ key, ...props }) => (
            <div className="choice" key={key}>
              <input {...props} id={`fixed-${props.value}`} />
              <label htmlFor={`fixed-${props.value}`}>{fixedLabels[props.value as keyof typeof fixedLabels]}</label>
            </div>
          ))}
          <ErrorList id={fields.fixed.errorId} errors={fields.fixed.errors} />
        </fieldset>
        <TextareaField
          {...getTextareaProps(fields.comment)}
          id={fields.comment.id}
          label={t.report.comment}
          hint={t.report.commentHint}
          errors={fields.comment.errors}
          rows={3}
        />
        <button type="submit" className="primary">
          {t.report.rateSubmit}
        </button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
