import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { randomUUID } from 'node:crypto'
import { useEffect, useState } from 'react'
import { DRAFTS_MARK } from '~/components/draft-notices'
import { ErrorList, SelectField, TextareaField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { LocateButton } from '~/components/locate-button'
import { MapPicker } from '~/components/map-picker'
import { LiveNearby, NearbyStep } from '~/components/nearby-step'
import type { NearbyItem } from '~/components/nearby-reports'
import { effectivePrivacy } from '~/domain/routing'
import { checkPhone } from '~/utils/phone.server'
import { PRIVACY_LEVELS } from '~/domain/vocabulary'
import { fill, getDictionary } from '~/i18n'
import { listActiveCategories, listKelurahan } from '~/models/reference.server'
import { browserIdentity } from '~/utils/browser-id.server'
import { getDb } from '~/utils/db.server'
import { DATABASE_UNAVAILABLE, lastKnownWhileDatabaseUnavailable, replyDatabaseUnavailable, unlessDatabaseUnavailable } from '~/utils/database-outage.server'
import { getPublicJurisdiction, publicPathFor } from '~/utils/jurisdiction.server'
import { useLocale } from '~/utils/locale'
import { mapTilesForPage } from '~/utils/map-tiles.server'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { reportFormSchemaFor, type ReportFormInput, type ReportFormSubmission } from '~/utils/report-form-schema'
import { KEEP_PHOTO_FIELD, MAX_PHOTO_BYTES, MAX_PHOTOS } from '~/utils/photo-rules'
import { clearPhotoStash, keepRefusedPhotos, keptPhotoKeys, stashOwner } from '~/services/photo-stash.server'
import { submitReport } from '~/services/report-filing.server'
import { isWhatsAppEnabled } from '~/notify/config.server'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { serializeReportFlash } from '~/utils/report-flash.server'
import { readRequestForm } from '~/utils/request-form.server'
import { waitText } from '~/utils/wait-text'
import { passRetryAfter } from '~/utils/headers'

const PRIVACY = PRIVACY_LEVELS
const HONEYPOT = 'website'

// A form page must never come back from a cache (its key, and what was typed);
// a 429's Retry-After reaches the page response.
export const headers = passRetryAfter({ 'Cache-Control': 'no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb()
  const jurisdiction = await getPublicJurisdiction(request)
  // The last lists read stand in while the database is away, so a form can still be shown (and come back filled).
  const [categories, kelurahan] = await lastKnownWhileDatabaseUnavailable(`lapor:${jurisdiction.id}`, () =>
    Promise.all([listActiveCategories(db, jurisdiction.id), listKelurahan(db, jurisdiction.id)]),
  )
  const preselected = new URL(request.url).searchParams.get('kategori')
  const browser = await browserIdentity(request)
  return data(
    {
      categories,
      kelurahan,
      // A fresh key per form render: a double submit of this form files one report.
      idempotencyKey: randomUUID(),
      preselectedCategoryId: categories.find((c) => c.code === preselected)?.id ?? null,
      // The WhatsApp channel is offered only when it is configured.
      whatsapp: isWhatsAppEnabled(),
      // The map (loaded only when opened) draws on these tiles.
      mapTiles: mapTilesForPage(),
      jurisdictionName: jurisdiction.name,
    },
    browser.setCookie ? { headers: { 'Set-Cookie': browser.setCookie } } : undefined,
  )
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const formData = await readRequestForm(request, { files: { field: 'photos', max: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES } })
  const submission = parseForm(formData, reportFormSchemaFor(locale, checkPhone, 'server'), t)
  const now = new Date()
  const keep = keptPhotoKeys(formData)
  const files = formData.getAll('photos').filter((p): p is File => p instanceof File && p.size > 0)
  // A refused form keeps its photos server-side for this browser: a file input cannot be refilled.
  const refuse = async (
    result: ReturnType<typeof submission.reply>,
    extra: { locationConflict?: { chosenAreaId: number; locatedAreaId: number }; pointDropped?: boolean } = {},
    status = 400,
  ) => {
    // New photos that are themselves the problem (type, size, count) are not kept: the message asks for others.
    const { photos, setCookie } = await keepRefusedPhotos(request, result.error?.photos ? [] : files, keep, now)
    const body = { result, locationConflict: null, pointDropped: false, stashedPhotos: photos, ...extra }
    return data(body, { status, headers: setCookie ? { 'Set-Cookie': setCookie } : undefined })
  }
  // Every post counts, valid or not; the answer keeps what was typed (ADR 006).
  const limited = await consumeLimit('filing', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data(
      { result: submission.reply({ formErrors: [message] }), locationConflict: null, pointDropped: false, stashedPhotos: [] },
      { status: 429, headers: retryAfterHeaders(limited) },
    )
  }
  // A field people never see: only a naive bot fills it. Nothing of its post is kept.
  if (formData.get(HONEYPOT)) {
    return data(
      { result: submission.reply({ formErrors: [t.limits.botRejected] }), locationConflict: null, pointDropped: false, stashedPhotos: [] },
      { status: 400 },
    )
  }
  if (submission.status !== 'success') return refuse(submission.reply())
  const v = submission.value
  const browser = await browserIdentity(request)
  if (keep.length + files.length > MAX_PHOTOS) return refuse(submission.reply({ fieldErrors: { photos: [t.validation.tooManyPhotos] } }))
  const owner = await stashOwner(request)
  const outcome = await submitReport({
    jurisdiction: await getPublicJurisdiction(request),
    categoryId: v.categoryId,
    areaId: v.areaId,
    point: v.lat !== undefined && v.lng !== undefined ? { lat: v.lat, lng: v.lng } : null,
    locationChoice: v.locationChoice,
    description: v.description,
    address: v.address ?? null,
    privacy: v.privacy,
    contact: { name: v.name ?? null, email: v.email ?? null, phone: v.phone ?? null },
    idempotencyKey: v.idempotencyKey ?? randomUUID(),
    browserId: browser.id,
    locale,
    now,
    files: (v.photos ?? []).filter((p): p is File => typeof p !== 'string'),
    stashed: { owner, keys: keep },
    confirmNew: v.confirmNew === '1',
  }).catch(unlessDatabaseUnavailable)
  // Database away: the form comes back filled, with "coba lagi" (503), never a blank 500.
  if (outcome === DATABASE_UNAVAILABLE) return replyDatabaseUnavailable(request, submission, { locationConflict: null, pointDropped: false, stashedPhotos: [] })
  // "Mungkin sudah dilaporkan": not an error. The form comes back filled (photos kept) with the list.
  if (!outcome.ok && outcome.reason === 'nearby') {
    const { photos, setCookie } = await keepRefusedPhotos(request, files, keep, now)
    const body = {
      result: submission.reply(),
      locationConflict: null,
      pointDropped: false,
      stashedPhotos: photos,
      nearby: outcome.nearby,
      byArea: outcome.byArea,
    }
    return data(body, { headers: setCookie ? { 'Set-Cookie': setCookie } : undefined })
  }
  if (!outcome.ok) {
    const messages = {
      location_mismatch: t.validation.locationMismatch,
      location_outside: t.validation.locationOutside,
      unknown_kelurahan: t.validation.unknownKelurahan,
      unknown_category: t.validation.unknownCategory,
      photo_unreadable: t.validation.photoUnreadable,
      photo_too_many_pixels: t.validation.photoTooManyPixels,
      photo_busy: t.validation.photoBusy,
    }
    const result = submission.reply({ fieldErrors: { [outcome.field]: [messages[outcome.reason]] } })
    if (outcome.reason === 'location_mismatch') {
      return refuse(result, { locationConflict: { chosenAreaId: outcome.chosenAreaId, locatedAreaId: outcome.locatedAreaId } })
    }
    // A point outside the jurisdiction is not sent back, so the next submit can go without it.
    return refuse(result, { pointDropped: outcome.reason === 'location_outside' }, outcome.reason === 'photo_busy' ? 503 : 400)
  }
  // Photos left in the stash (unticked) are not needed any more.
  await clearPhotoStash(owner)
  const headers = new Headers({ 'Set-Cookie': await serializeReportFlash(outcome.filed) })
  if (browser.setCookie) headers.append('Set-Cookie', browser.setCookie)
  return redirect(await publicPathFor(request, `/laporan/${outcome.filed.code}`), { headers })
}

// The form's JavaScript-only helpers (ADR 028), out of the first load.
const loadEnhancements = async () => {
  const [drafts, downscale, upload] = await Promise.all([
    import('~/utils/offline-drafts.client'),
    import('~/utils/photo-downscale.client'),
    import('~/utils/photo-upload.client'),
  ])
  return { drafts, downscale, upload }
}
type Enhancements = Awaited<ReturnType<typeof loadEnhancements>>

export default function ReportForm() {
  const { categories, kelurahan, idempotencyKey, preselectedCategoryId, whatsapp, mapTiles, jurisdictionName } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, locale } = useLocale()
  const [validate, setValidate] = useState<null | ((formData: FormData) => ReportFormSubmission)>(null)
  useEffect(() => {
    let live = true
    void import('~/utils/report-form-schema').then((m) => {
      if (live) setValidate(() => (formData: FormData) => m.validateReportForm(formData, locale))
    })
    return () => {
      live = false
    }
  }, [locale])
  const submit = useSubmit()
  // JavaScript only (ADR 028): photo upload progress, and the report kept on the phone when offline.
  const [upload, setUpload] = useState<number | null>(null)
  const [uploadError, setUploadError] = useState<string | null>(null)
  const [savedOffline, setSavedOffline] = useState<boolean | null>(null)
  // Loaded once the page runs, not on submit: by then the network may be gone.
  const [enhance, setEnhance] = useState<Enhancements | null>(null)
  useEffect(() => {
    // Background Sync for kept reports; the page sends them itself too (components/draft-notices).
    if (typeof indexedDB !== 'undefined') navigator.serviceWorker?.register('/sw.js', { scope: '/' }).catch(() => {})
    void loadEnhancements().then(setEnhance, () => {})
  }, [])
  const [form, fields] = useForm<ReportFormInput>({
    lastResult: actionData?.result,
    defaultValue: { privacy: 'public', categoryId: preselectedCategoryId ?? undefined, idempotencyKey },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // Checked while typing once the schema has loaded (after hydration); before that, and
    // without JavaScript, the server checks on submit.
    onValidate: validate ? ({ formData }) => validate(formData) : undefined,
  })
  const initialPoint =
    fields.lat.initialValue && fields.lng.initialValue && !actionData?.pointDropped
      ? { lat: Number(fields.lat.initialValue), lng: Number(fields.lng.initialValue) }
      : null
  const [point, setPoint] = useState(initialPoint)
  useEffect(() => {
    if (actionData?.pointDropped) setPoint(null)
    // With JavaScript the page stays, and so would the chosen files: they are attached
    // (stashed) now, so empty the file input to not send them twice.
    if (actionData?.stashedPhotos.length) {
      const input = document.getElementById(fields.photos.id)
      if (input instanceof HTMLInputElement) input.value = ''
    }
  }, [actionData, fields.photos.id])
  const conflict = actionData?.locationConflict ?? null
  // The action's "Mungkin sudah dilaporkan" answer (its other answers have no list).
  const nearbyStep = actionData && 'nearby' in actionData ? (actionData as unknown as { nearby: NearbyItem[]; byArea: boolean }) : null
  const selectedKelurahanId = Number(fields.areaId.value ?? fields.areaId.initialValue) || null
  const kelurahanName = (id: number) => kelurahan.find((k) => k.id === id)?.name ?? '?'
  const selectedCategory = categories.find((c) => String(c.id) === String(fields.categoryId.value ?? fields.categoryId.initialValue))
  // Misconduct categories force "confidential" (domain/routing): the form shows that choice.
  const forcedPrivacy =
    selectedCategory && selectedCategory.privacy_rule !== 'citizen_choice' ? effectivePrivacy('public', selectedCategory.privacy_rule) : null
  const kecamatan = [...new Set(kelurahan.map((k) => k.kecamatan_name))]
  const privacyHints = {
    public: t.reportForm.privacyPublicHint,
    anonymous: t.reportForm.privacyAnonymousHint,
    confidential: t.reportForm.privacyConfidentialHint,
  }
  const privacyLabels = { public: t.reportForm.privacyPublic, anonymous: t.reportForm.privacyAnonymous, confidential: t.reportForm.privacyConfidential }
  const submitting = navigation.state === 'submitting' || upload !== null
  const formProps = getFormProps(form)

  const keepOnPhone = async (drafts: Enhancements['drafts'], formEl: HTMLFormElement, photos: File[]) => {
    try {
      await drafts.saveDraft(formEl, photos, fields.idempotencyKey.name)
      localStorage.setItem(DRAFTS_MARK, '1')
      form.reset()
      setSavedOffline(true)
    } catch {
      setSavedOffline(false)
    }
  }
  // After the checks (Conform): offline → kept on the phone; with photos → they go first,
  // downscaled, with a progress bar, and the form files with their keys. Else Remix posts.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    formProps.onSubmit(event)
    if (event.defaultPrevented) return
    const formEl = event.currentTarget
    const input = formEl.querySelector<HTMLInputElement>(`#${CSS.escape(fields.photos.id)}`)
    if (!enhance) return
    const offline = !navigator.onLine && enhance.drafts.draftsSupported()
    if (!offline && !input?.files?.length) return
    event.preventDefault()
    setUploadError(null)
    setSavedOffline(null)
    void (async () => {
      if (input) await enhance.downscale.downscaled(input)
      const photos = [...(input?.files ?? [])]
      if (offline) return keepOnPhone(enhance.drafts, formEl, photos)
      const keep = new FormData(formEl).getAll(KEEP_PHOTO_FIELD).map(String)
      setUpload(0)
      const sent = await enhance.upload.uploadPhotos(photos, keep, KEEP_PHOTO_FIELD, setUpload)
      setUpload(null)
      if (!sent.ok && sent.network && enhance.drafts.draftsSupported()) return keepOnPhone(enhance.drafts, formEl, photos)
      if (!sent.ok) return setUploadError(sent.message ?? t.photoUpload.failed)
      const body = new FormData(formEl)
      body.delete(fields.photos.name)
      body.delete(KEEP_PHOTO_FIELD)
      for (const p of sent.photos) body.append(KEEP_PHOTO_FIELD, p.storageKey)
      if (input) input.value = ''
      submit(body, { method: 'post', encType: 'multipart/form-data' })
    })()
  }

  return (
    <>
      <h1>{t.reportForm.heading}</h1>
      <p>{t.reportForm.intro}</p>
      <p className="notice warning">{t.reportForm.emergencyNote}</p>
      {form.status === 'error' ? (
        <div className="notice error" role="alert" id="form-errors">
          {form.errors?.length ? <ErrorList errors={form.errors} /> : t.reportForm.errorSummary}
        </div>
      ) : null}
      {savedOffline !== null ? (
        <p className={savedOffline ? 'notice success' : 'notice error'} role="status" data-testid="saved-offline">
          {savedOffline ? t.offlineDrafts.saved : t.offlineDrafts.saveFailed}
        </p>
      ) : null}
      {nearbyStep ? <NearbyStep reports={nearbyStep.nearby} byArea={nearbyStep.byArea} formId={form.id} /> : null}
      <Form method="post" encType="multipart/form-data" {...formProps} onSubmit={onSubmit} noValidate>
        <input {...getInputProps(fields.idempotencyKey, { type: 'hidden' })} />
        {/* Honeypot: off-screen, hidden from assistive technology and out of the tab order. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="hp-website">{t.limits.honeypot}</label>
          <input type="text" id="hp-website" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <SelectField {...getSelectProps(fields.categoryId)} id={fields.categoryId.id} label={t.reportForm.category} errors={fields.categoryId.errors}>
          <option value="">{t.reportForm.categoryPlaceholder}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === 'id' ? c.name_id : c.name_en}
            </option>
          ))}
        </SelectField>
        {selectedCategory ? (
          <p className="hint muted" aria-live="polite">
            {locale === 'id' ? selectedCategory.description_id : selectedCategory.description_en}
            {selectedCategory.is_emergency ? (
              <strong> {locale === 'id' ? selectedCategory.emergency_advice_id : selectedCategory.emergency_advice_en}</strong>
            ) : null}
            {selectedCategory.privacy_rule === 'always_confidential' ? <strong> {t.reportForm.misconductNote}</strong> : null}
          </p>
        ) : null}
        <TextareaField
          {...getTextareaProps(fields.description)}
          id={fields.description.id}
          label={t.reportForm.description}
          hint={t.reportForm.descriptionHint}
          errors={fields.description.errors}
          rows={5}
        />
        <input type="hidden" name={fields.lat.name} value={point?.lat ?? ''} />
        <input type="hidden" name={fields.lng.name} value={point?.lng ?? ''} />
        <LocateButton
          onLocated={(located, kelurahanId) => {
            setPoint(located)
            if (kelurahanId !== null) form.update({ name: fields.areaId.name, value: String(kelurahanId) })
          }}
        />
        <MapPicker
          tiles={mapTiles}
          jurisdictionName={jurisdictionName}
          point={point}
          selectedKelurahanId={selectedKelurahanId}
          onPick={(picked, kelurahanId) => {
            setPoint(picked)
            if (kelurahanId !== null) form.update({ name: fields.areaId.name, value: String(kelurahanId) })
          }}
        />
        <SelectField {...getSelectProps(fields.areaId)} id={fields.areaId.id} label={t.reportForm.kelurahan} errors={fields.areaId.errors}>
          <option value="">{t.reportForm.kelurahanPlaceholder}</option>
          {kecamatan.map((kec) => (
            <optgroup key={kec} label={`Kec. ${kec}`}>
              {kelurahan
                .filter((k) => k.kecamatan_name === kec)
                .map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        {conflict ? (
          <fieldset className="notice warning" aria-describedby={`${fields.areaId.id}-error`}>
            <legend>
              {fill(t.reportForm.locationQuestion, { located: kelurahanName(conflict.locatedAreaId), chosen: kelurahanName(conflict.chosenAreaId) })}
            </legend>
            <div className="choice">
              <input type="radio" id="location-choice-point" name={fields.locationChoice.name} value="point" />
              <label htmlFor="location-choice-point">{fill(t.reportForm.locationChoicePoint, { located: kelurahanName(conflict.locatedAreaId) })}</label>
            </div>
            <div className="choice">
              <input type="radio" id="location-choice-area" name={fields.locationChoice.name} value="area" />
              <label htmlFor="location-choice-area">{fill(t.reportForm.locationChoiceArea, { chosen: kelurahanName(conflict.chosenAreaId) })}</label>
            </div>
          </fieldset>
        ) : null}
        <TextField
          {...getInputProps(fields.address, { type: 'text' })}
          id={fields.address.id}
          label={t.reportForm.address}
          hint={t.reportForm.addressHint}
          errors={fields.address.errors}
          autoComplete="street-address"
        />
        <LiveNearby categoryId={selectedCategory?.id ?? null} point={point} kelurahanId={selectedKelurahanId} />

        <TextField
          id={fields.photos.id}
          name={fields.photos.name}
          type="file"
          accept="image/*"
          multiple
          label={t.reportForm.photos}
          hint={t.reportForm.photosHint}
          errors={fields.photos.errors}
          data-downscale=""
        />
        {upload !== null ? (
          <div className="upload-progress">
            <progress max={100} value={upload} aria-label={t.photoUpload.progressLabel} data-testid="upload-progress" />
            <span role="status">{fill(t.photoUpload.uploading, { percent: upload })}</span>
          </div>
        ) : null}
        {uploadError ? (
          <p className="field-error" role="alert" data-testid="upload-error">
            {uploadError}
          </p>
        ) : null}
        {actionData?.stashedPhotos.length ? (
          <fieldset className="stashed-photos" data-testid="stashed-photos">
            <legend>{t.reportForm.photosAttached}</legend>
            <p className="hint">{t.reportForm.photosAttachedHint}</p>
            {actionData.stashedPhotos.map((p, i) => (
              <div className="choice" key={p.storageKey}>
                <input type="checkbox" id={`keep-photo-${i + 1}`} name={KEEP_PHOTO_FIELD} value={p.storageKey} defaultChecked />
                <label htmlFor={`keep-photo-${i + 1}`}>
                  <img src={`/foto/sementara/${p.storageKey}`} alt="" width={Math.round((80 * p.width) / p.height)} height={80} />{' '}
                  {fill(t.reportForm.keepPhoto, { n: i + 1 })}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}

        <fieldset>
          <legend>{t.reportForm.privacyHeading}</legend>
          {forcedPrivacy ? (
            <p className="hint" id="privacy-forced">
              <strong>{t.reportForm.privacyForced}</strong>
            </p>
          ) : null}
          {PRIVACY.map((p) => (
            // Keyed on the forced choice so the radios re-mount checked right when the category changes.
            <div className="choice" key={`${p}-${forcedPrivacy ?? 'free'}`}>
              <input
                type="radio"
                id={`privacy-${p}`}
                name={fields.privacy.name}
                value={p}
                defaultChecked={forcedPrivacy ? forcedPrivacy === p : fields.privacy.initialValue === p}
                disabled={forcedPrivacy !== null && forcedPrivacy !== p}
                aria-describedby={forcedPrivacy ? `privacy-forced privacy-${p}-hint` : `privacy-${p}-hint`}
              />
              <label htmlFor={`privacy-${p}`}>
                {privacyLabels[p]}
                <span className="hint" id={`privacy-${p}-hint`}>
                  {privacyHints[p]}
                </span>
              </label>
            </div>
          ))}
          <ErrorList errors={fields.privacy.errors} />
        </fieldset>

        <fieldset>
          <legend>{t.reportForm.contactHeading}</legend>
          <p className="hint muted small">{t.reportForm.contactHint}</p>
          <TextField
            {...getInputProps(fields.name, { type: 'text' })}
            id={fields.name.id}
            label={t.reportForm.name}
            errors={fields.name.errors}
            autoComplete="name"
          />
          <TextField
            {...getInputProps(fields.email, { type: 'email' })}
            id={fields.email.id}
            label={t.reportForm.email}
            errors={fields.email.errors}
            autoComplete="email"
          />
          <TextField
            {...getInputProps(fields.phone, { type: 'tel' })}
            id={fields.phone.id}
            label={t.reportForm.phone}
            hint={whatsapp ? `${t.reportForm.phoneHint}. ${t.notify.whatsappHint}` : t.reportForm.phoneHint}
            errors={fields.phone.errors}
            autoComplete="tel"
            inputMode="tel"
          />
        </fieldset>

        <button type="submit" className="primary button-big" disabled={submitting}>
          {submitting ? t.reportForm.submitting : t.reportForm.submit}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
