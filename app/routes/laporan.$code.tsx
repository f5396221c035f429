import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextareaField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ReportFacts } from '~/components/report-facts'
import { PointMap } from '~/components/point-map'
import { ReportPhotos } from '~/components/report-photos'
import { Timeline } from '~/components/timeline'
import { isConfirmationWindowOpen } from '~/domain/resolution'
import { isOverdue } from '~/domain/sla'
import { OPEN_STATUSES, type NotificationLocale } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { getSlaCalendar } from '~/models/reference.server'
import { getPublicReport, getPublicTimeline, listReportPhotos, rateReport } from '~/models/report.server'
import { getDuplicateOfCode } from '~/models/report-workflow.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { assertSameOrigin } from '~/utils/auth.server'
import { browserIdentity } from '~/utils/browser-id.server'
import { getPublicJurisdiction, publicPathFor } from '~/utils/jurisdiction.server'
import { checkPhone } from '~/utils/phone.server'
import { isWhatsAppEnabled } from '~/notify/config.server'
import { supportReport, supporterKeyFor } from '~/models/support.server'
import { SupportForm } from '~/components/support-form'
import { IkmForm } from '~/components/ikm-form'
import { canAnswerIkm, IKM_UNSUR, type IkmAnswers } from '~/domain/ikm'
import { answerIkm, hasIkmResponse } from '~/models/ikm.server'
import { mapTilesForPage } from '~/utils/map-tiles.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { passRetryAfter } from '~/utils/headers'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { waitText } from '~/utils/wait-text'
import { readReportFlash } from '~/utils/report-flash.server'
import { readRequestForm } from '~/utils/request-form.server'
import { AddInformationForm } from '~/components/add-information-form'
import { SubscribeForm } from '~/components/subscribe-form'
import { addReporterInformation, subscribeToReport } from '~/models/report-followup.server'
import { canAddInformation, canSubscribe } from '~/domain/follow-up'
import { informationSchema, ratingSchema } from '~/utils/followup-schemas'
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '~/utils/photo-rules'
import { deletePhotos, PhotoError, storePhoto, type StoredPhoto } from '~/utils/photos.server'

// The private link carries a secret: never leak it to other sites, never cache it.
export const headers = passRetryAfter({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const url = new URL(request.url)
  const { flash, clear } = await readReportFlash(request, code)
  const token = url.searchParams.get('t') ?? flash?.token ?? null
  const db = await getDb()
  const found = await getPublicReport(db, code, token)
  if (!found) throw new Response('Not found', { status: 404 })
  const [timeline, photos, duplicateOfCode] = await Promise.all([
    getPublicTimeline(db, found.report.id),
    listReportPhotos(db, found.report.id, 'public'),
    getDuplicateOfCode(db, found.report.duplicate_of_id, { publicPage: true }),
  ])
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
    duplicateOfCode,
    // The token is only handed back to someone who already holds it.
    token: found.isReporter ? token : null,
    privateLink: flash?.token ? `${origin}${await publicPathFor(request, `/laporan/${code}`)}?t=${flash.token}` : null,
    justFiled: Boolean(flash),
    replayed: flash?.replayed ?? false,
    ratedOutcome: url.searchParams.get('dinilai'),
    now: new Date(),
    mapTiles: mapTilesForPage(),
    supported: url.searchParams.get('didukung'),
    canSupport: found.report.privacy !== 'confidential' && (OPEN_STATUSES as readonly string[]).includes(found.report.status),
    // Anyone may follow a public report, also once it is resolved (ADR 027).
    canSubscribe: canSubscribe(found.report, found.isMisconduct),
    canAddInformation: found.isReporter && canAddInformation(found.report.status),
    infoOutcome: url.searchParams.get('informasi'),
    subscribed: url.searchParams.get('diikuti'),
    whatsapp: isWhatsAppEnabled(),
    // The IKM survey: the reporter, after closure, once.
    canAnswerIkm: found.isReporter && canAnswerIkm(found.report, await hasIkmResponse(db, found.report.id)),
    ikmOutcome: url.searchParams.get('ikm'),
  }
  // "Saya juga" and "Ikuti" need this browser's id cookie (SameSite=Lax: it is also what keeps other sites from posting them).
  const browser = payload.canSupport || payload.canSubscribe ? await browserIdentity(request) : null
  const headers = new Headers()
  if (clear) headers.append('Set-Cookie', clear)
  if (browser?.setCookie) headers.append('Set-Cookie', browser.setCookie)
  return [...headers].length ? data(payload, { headers }) : payload
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const code = params.code ?? ''
  // Photos come with added information and with "belum beres" (re-encoded before they are kept).
  const formData = await readRequestForm(request, { files: { field: 'photos', max: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES } })
  if (formData.get('intent') === 'support') return supportAction({ request, context, code, formData, t, locale })
  if (formData.get('intent') === 'ikm') return ikmAction({ context, code, formData, t })
  if (formData.get('intent') === 'information') return informationAction({ request, context, code, formData, t })
  if (formData.get('intent') === 'subscribe') return subscribeAction({ request, context, code, formData, t, locale })
  const submission = parseForm(formData, ratingSchema(t), t)
  const limited = await consumeLimit('privateLink', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data({ result: submission.reply({ formErrors: [message] }), notAllowed: false }, { status: 429, headers: retryAfterHeaders(limited) })
  }
  if (submission.status !== 'success') return data({ result: submission.reply(), notAllowed: false }, { status: 400 })
  const v = submission.value
  // The photo counts only with "belum beres": it shows what is still wrong.
  const stored = await storeUploads(v.fixed === 'no' ? v.photos : [])
  if (!stored.ok) return data({ result: submission.reply({ fieldErrors: { photos: [photoMessage(t, stored.reason)] } }), notAllowed: false }, { status: 400 })
  const outcome = await (
    await getDb()
  )
    .transaction()
    .execute((trx) =>
      rateReport(trx, {
        code,
        token: v.token,
        score: v.score,
        comment: v.comment ?? null,
        fixed: v.fixed,
        reason: v.fixed === 'no' ? (v.reason ?? null) : null,
        photos: stored.photos,
        now: new Date(),
      }),
    )
    .catch(async (error: unknown) => {
      await deletePhotos(stored.photos.map((p) => p.storageKey))
      throw error
    })
  if (outcome !== 'reopened') await deletePhotos(stored.photos.map((p) => p.storageKey))
  // The form stays (values kept): "Sudah beres" is still possible after the window.
  if (outcome === 'window_passed') return data({ result: submission.reply({ formErrors: [t.clocks.rateWindowPassed] }), notAllowed: false }, { status: 409 })
  if (outcome === 'not_allowed') return data({ result: submission.reply({ formErrors: [t.report.rateNotAllowed] }), notAllowed: true }, { status: 409 })
  return redirect(`${await publicPathFor(request, `/laporan/${code}`)}?t=${encodeURIComponent(v.token)}&dinilai=${outcome}`)
}

function supportSchema(t: Dictionary) {
  return z.object({
    intent: z.literal('support'),
    email: z.email({ error: t.validation.email }).max(254, t.validation.email).optional(),
    // The field is offered only where WhatsApp is configured (and ignored otherwise).
    phone: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined
        const phone = checkPhone(value)
        if (!phone.ok) ctx.addIssue({ code: 'custom', message: t.validation.phone })
        return phone.ok ? phone.e164 : undefined
      }),
  })
}

/** "Saya juga mengalami ini": counts this browser once as a supporter; files nothing (ADR 022). */
async function supportAction({
  request,
  context,
  code,
  formData,
  t,
  locale,
}: {
  request: Request
  context: ActionFunctionArgs['context']
  code: string
  formData: FormData
  t: Dictionary
  locale: NotificationLocale
}) {
  // This page sends Referrer-Policy: no-referrer, so browsers post its forms with `Origin: null`.
  // A real foreign Origin is refused; beyond that the SameSite=Lax browser cookie is the
  // CSRF guard: a post from another site never carries it, and without it nothing counts.
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') assertSameOrigin(request)
  const whatsapp = isWhatsAppEnabled()
  const submission = parseForm(formData, supportSchema(t), t)
  // Counted with filings: supporting is the public's other way to say "this is a problem".
  const limited = await consumeLimit('filing', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data(
      { intent: 'support' as const, result: submission.reply({ formErrors: [message] }), notAllowed: false },
      { status: 429, headers: retryAfterHeaders(limited) },
    )
  }
  if (submission.status !== 'success') return data({ intent: 'support' as const, result: submission.reply(), notAllowed: false }, { status: 400 })
  const v = submission.value
  const browser = await browserIdentity(request)
  if (browser.setCookie) {
    const result = submission.reply({ formErrors: [t.citizen.supportRetry] })
    return data({ intent: 'support' as const, result, notAllowed: false }, { status: 400, headers: { 'Set-Cookie': browser.setCookie } })
  }
  const subscribe = [
    ...(v.email ? [{ channel: 'email' as const, recipient: v.email, locale }] : []),
    ...(v.phone && whatsapp ? [{ channel: 'whatsapp' as const, recipient: v.phone, locale }] : []),
  ]
  const jurisdiction = await getPublicJurisdiction(request)
  const outcome = await (
    await getDb()
  )
    .transaction()
    .execute((trx) =>
      supportReport(trx, { code, jurisdictionId: jurisdiction.id, supporterKey: supporterKeyFor(browser.id), origin: 'web', subscribe, now: new Date() }),
    )
  if (outcome === 'not_allowed') {
    return data({ intent: 'support' as const, result: submission.reply({ formErrors: [t.citizen.supportNotAllowed] }), notAllowed: true }, { status: 409 })
  }
  const done = outcome === 'already' ? 'sudah' : subscribe.length ? 'berlangganan' : 'ya'
  return redirect(`/laporan/${code}?didukung=${done}`)
}

function ikmSchema(t: Dictionary) {
  const score = z.number({ error: t.citizen.ikmRequired }).int(t.citizen.ikmRequired).min(1, t.citizen.ikmRequired).max(4, t.citizen.ikmRequired)
  return z.object({ intent: z.literal('ikm'), token: z.string().min(10), ...Object.fromEntries(IKM_UNSUR.map((u) => [u, score])) } as {
    intent: z.ZodLiteral<'ikm'>
    token: z.ZodString
  } & Record<keyof IkmAnswers, typeof score>)
}

/** The IKM survey's answers (ADR 022): once per report, by the reporter, after closure. */
async function ikmAction({ context, code, formData, t }: { context: ActionFunctionArgs['context']; code: string; formData: FormData; t: Dictionary }) {
  const submission = parseForm(formData, ikmSchema(t), t)
  const limited = await consumeLimit('privateLink', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data(
      { intent: 'ikm' as const, result: submission.reply({ formErrors: [message] }), notAllowed: false },
      { status: 429, headers: retryAfterHeaders(limited) },
    )
  }
  if (submission.status !== 'success') return data({ intent: 'ikm' as const, result: submission.reply(), notAllowed: false }, { status: 400 })
  const { intent: _intent, token, ...answers } = submission.value
  const outcome = await (await getDb()).transaction().execute((trx) => answerIkm(trx, { code, token, answers, now: new Date() }))
  if (outcome === 'not_allowed') {
    return data({ intent: 'ikm' as const, result: submission.reply({ formErrors: [t.citizen.ikmNotAllowed] }), notAllowed: true }, { status: 409 })
  }
  return redirect(`/laporan/${code}?t=${encodeURIComponent(token)}&ikm=${outcome === 'saved' ? 'terima-kasih' : 'sudah'}`)
}

type ActionContext = ActionFunctionArgs['context']

/** Stores (re-encodes, EXIF dropped) the uploaded photos; on a bad one, removes those already stored. */
async function storeUploads(files: (File | string)[] | undefined): Promise<{ ok: true; photos: StoredPhoto[] } | { ok: false; reason: PhotoError['reason'] }> {
  const photos: StoredPhoto[] = []
  try {
    for (const file of files ?? []) if (typeof file !== 'string') photos.push(await storePhoto(file))
    return { ok: true, photos }
  } catch (error) {
    await deletePhotos(photos.map((p) => p.storageKey))
    if (error instanceof PhotoError) return { ok: false, reason: error.reason }
    throw error
  }
}

function photoMessage(t: Dictionary, reason: PhotoError['reason']) {
  return { not_an_image: t.validation.photoUnreadable, too_many_pixels: t.validation.photoTooManyPixels, busy: t.validation.photoBusy }[reason]
}

/** "Tambah informasi" (ADR 027): the reporter's note and photos, public or for staff only. */
async function informationAction({
  request,
  context,
  code,
  formData,
  t,
}: {
  request: Request
  context: ActionContext
  code: string
  formData: FormData
  t: Dictionary
}) {
  // As for support: this page posts with `Origin: null` (no-referrer); a real foreign Origin is refused.
  // Beyond that the private token in the form is what allows the change.
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') assertSameOrigin(request)
  const submission = parseForm(formData, informationSchema(t), t)
  const limited = await consumeLimit('privateLink', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data(
      { intent: 'information' as const, result: submission.reply({ formErrors: [message] }), notAllowed: false },
      { status: 429, headers: retryAfterHeaders(limited) },
    )
  }
  if (submission.status !== 'success') return data({ intent: 'information' as const, result: submission.reply(), notAllowed: false }, { status: 400 })
  const v = submission.value
  const stored = await storeUploads(v.photos)
  if (!stored.ok) {
    const result = submission.reply({ fieldErrors: { photos: [photoMessage(t, stored.reason)] } })
    return data({ intent: 'information' as const, result, notAllowed: false }, { status: stored.reason === 'busy' ? 503 : 400 })
  }
  const outcome = await (
    await getDb()
  )
    .transaction()
    .execute((trx) =>
      addReporterInformation(trx, { code, token: v.token, body: v.body || null, visibility: v.visibility, photos: stored.photos, now: new Date() }),
    )
    .catch(async (error: unknown) => {
      await deletePhotos(stored.photos.map((p) => p.storageKey))
      throw error
    })
  if (!outcome.ok) {
    await deletePhotos(stored.photos.map((p) => p.storageKey))
    return data({ intent: 'information' as const, result: submission.reply({ formErrors: [t.followup.infoNotAllowed] }), notAllowed: true }, { status: 409 })
  }
  return redirect(
    `${await publicPathFor(request, `/laporan/${code}`)}?t=${encodeURIComponent(v.token)}&informasi=${v.visibility === 'public' ? 'publik' : 'petugas'}`,
  )
}

function subscribeSchema(t: Dictionary) {
  return z
    .object({
      intent: z.literal('subscribe'),
      email: z.email({ error: t.validation.email }).max(254, t.validation.email).optional(),
      phone: z
        .string()
        .optional()
        .transform((value, ctx) => {
          if (value === undefined) return undefined
          const phone = checkPhone(value)
          if (!phone.ok) ctx.addIssue({ code: 'custom', message: t.validation.phone })
          return phone.ok ? phone.e164 : undefined
        }),
    })
    .superRefine((v, ctx) => {
      if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: t.followup.subscribeContactRequired })
    })
}

/** "Ikuti kabar laporan ini" (ADR 027): anyone, for a public report; the address is never shown back. */
async function subscribeAction({
  request,
  context,
  code,
  formData,
  t,
  locale,
}: {
  request: Request
  context: ActionContext
  code: string
  formData: FormData
  t: Dictionary
  locale: NotificationLocale
}) {
  // The same guard as "saya juga": a foreign Origin is refused, and the SameSite=Lax browser cookie must come along.
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') assertSameOrigin(request)
  const whatsapp = isWhatsAppEnabled()
  // Without WhatsApp the number field is not offered; a number sent anyway is ignored.
  if (!whatsapp) formData.delete('phone')
  const submission = parseForm(formData, subscribeSchema(t), t)
  // Counted with filings: a public write that sends messages to whatever address is given.
  const limited = await consumeLimit('filing', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data(
      { intent: 'subscribe' as const, result: submission.reply({ formErrors: [message] }), notAllowed: false },
      { status: 429, headers: retryAfterHeaders(limited) },
    )
  }
  if (submission.status !== 'success') return data({ intent: 'subscribe' as const, result: submission.reply(), notAllowed: false }, { status: 400 })
  const browser = await browserIdentity(request)
  if (browser.setCookie) {
    const result = submission.reply({ formErrors: [t.citizen.supportRetry] })
    return data({ intent: 'subscribe' as const, result, notAllowed: false }, { status: 400, headers: { 'Set-Cookie': browser.setCookie } })
  }
  const v = submission.value
  const subscriptions = [
    ...(v.email ? [{ channel: 'email' as const, recipient: v.email, locale }] : []),
    ...(v.phone ? [{ channel: 'whatsapp' as const, recipient: v.phone, locale }] : []),
  ]
  const jurisdiction = await getPublicJurisdiction(request)
  const outcome = await (
    await getDb()
  )
    .transaction()
    .execute((trx) => subscribeToReport(trx, { code, jurisdictionId: jurisdiction.id, subscriptions, now: new Date() }))
  if (outcome === 'not_allowed') {
    return data({ intent: 'subscribe' as const, result: submission.reply({ formErrors: [t.followup.subscribeNotAllowed] }), notAllowed: true }, { status: 409 })
  }
  // The same answer whatever the address: nothing of it comes back.
  return redirect(`${await publicPathFor(request, `/laporan/${code}`)}?diikuti=ya`)
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

      {d.supported ? (
        <div className="notice success" role="status" data-testid="supported">
          {d.supported === 'sudah' ? t.citizen.supportAlready : d.supported === 'berlangganan' ? t.citizen.supportDoneSubscribed : t.citizen.supportDone}
        </div>
      ) : null}
      <h1>{fill(t.report.heading, { code: r.code })}</h1>
      {r.privacy === 'confidential' ? <p className="notice warning">{t.report.confidentialBadge}</p> : null}
      {d.duplicateOfCode ? (
        <p className="notice" role="note" data-testid="duplicate-of">
          {fill(t.officer.publicDuplicate, { code: d.duplicateOfCode })}{' '}
          <Link to={`/laporan/${d.duplicateOfCode}`}>{fill(t.officer.publicDuplicateLink, { code: d.duplicateOfCode })}</Link>
        </p>
      ) : null}
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
        {r.supporter_count > 0 ? (
          <>
            <dt>{t.citizen.supporters}</dt>
            <dd data-testid="supporter-count">{fill(t.citizen.supportersCount, { n: r.supporter_count })}</dd>
          </>
        ) : null}
        {r.resolved_at ? (
          <>
            <dt>{t.report.resolvedAt}</dt>
            <dd>{formatDateTime(r.resolved_at, locale, tz)}</dd>
          </>
        ) : null}
      </ReportFacts>
      {/* getPublicReport already rounded the point (and gives none for anonymous reports). */}
      {r.lat !== null && r.lng !== null ? <PointMap tiles={d.mapTiles} point={{ lat: r.lat, lng: r.lng }} rounded /> : null}
      <h2>{t.report.description}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{r.description}</p>
      <ReportPhotos photos={d.photos} token={r.privacy === 'confidential' ? d.token : null} />

      {d.ikmOutcome ? (
        <div className="notice success" role="status" data-testid="ikm-outcome">
          {d.ikmOutcome === 'sudah' ? t.citizen.ikmAlready : t.citizen.ikmThanks}
        </div>
      ) : null}
      {d.infoOutcome ? (
        <div className="notice success" role="status" data-testid="information-added">
          {t.followup.infoAdded}
        </div>
      ) : null}
      {d.subscribed ? (
        <div className="notice success" role="status" data-testid="subscribed">
          {t.followup.subscribed}
        </div>
      ) : null}
      {d.token && d.canAnswerIkm ? <IkmForm token={d.token} /> : null}
      {d.canSupport && !d.token ? <SupportForm whatsapp={d.whatsapp} /> : null}
      {d.token && d.canRate ? <RatingForm token={d.token} canReopen={d.canReopen} /> : null}
      {d.token && d.canAddInformation ? <AddInformationForm token={d.token} /> : null}
      {d.canSubscribe && !d.token ? <SubscribeForm whatsapp={d.whatsapp} /> : null}
      {d.token && d.rating && !d.canRate ? <p className="notice">{fill(t.report.yourRating, { score: d.rating.score })}</p> : null}

      <h2>{t.report.timeline}</h2>
      <Timeline events={d.timeline} timeZone={tz} />
    </>
  )
}

function RatingForm({ token, canReopen }: { token: string; canReopen: boolean }) {
  const answer = useActionData<typeof action>()
  const actionData = answer && !('intent' in answer) ? answer : undefined
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
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
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
        {/* "Belum beres" needs a reason and may bring a photo (ADR 027); without JavaScript both are always shown. */}
        {canReopen ? (
          <>
            <TextareaField
              {...getTextareaProps(fields.reason)}
              id={fields.reason.id}
              label={t.followup.reason}
              hint={t.followup.reasonHint}
              errors={fields.reason.errors}
              rows={3}
            />
            <TextField
              id={fields.photos.id}
              name={fields.photos.name}
              type="file"
              accept="image/*"
              label={t.followup.reasonPhoto}
              hint={t.reportForm.photosHint}
              errors={fields.photos.errors}
            />
          </>
        ) : null}
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
