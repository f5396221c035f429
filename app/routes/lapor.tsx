import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { randomUUID } from 'node:crypto'
import { useState } from 'react'
import { z } from 'zod'
import { ErrorList, SelectField, TextareaField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { LocateButton } from '~/components/locate-button'
import { isInIndonesia } from '~/domain/geo'
import { normalizePhone } from '~/domain/phone'
import { getDictionary, type Dictionary } from '~/i18n'
import { listActiveCategories, listKelurahan } from '~/models/reference.server'
import { getDb } from '~/utils/db.server'
import { DATABASE_UNAVAILABLE, lastKnownWhileDatabaseUnavailable, replyDatabaseUnavailable, unlessDatabaseUnavailable } from '~/utils/database-outage.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { isAcceptedPhotoType, MAX_PHOTOS, TOO_LARGE } from '~/utils/photo-rules'
import { photoUploadHandler } from '~/utils/photos.server'
import { submitReport } from '~/utils/report-filing.server'
import { serializeReportFlash } from '~/utils/report-flash.server'
import { dbId } from '~/utils/schemas'

const PRIVACY = ['public', 'anonymous', 'confidential'] as const
const LOCATION_FIELDS = ['areaId', 'lat', 'lng']

function schema(t: Dictionary) {
  return z.object({
    categoryId: dbId(t.validation.categoryRequired),
    // Optional when a location point is given: the kelurahan is then derived from it.
    areaId: dbId(t.validation.kelurahanRequired).optional(),
    // Range-checked in the refinement below, whose message shows at the kelurahan field.
    lat: z.number({ error: t.validation.locationInvalid }).optional(),
    lng: z.number({ error: t.validation.locationInvalid }).optional(),
    description: z
      .string({ error: t.validation.required })
      .trim()
      .min(10, t.validation.descriptionTooShort)
      .max(2000, t.validation.descriptionTooLong),
    address: z.string().trim().max(300, t.validation.addressTooLong).optional(),
    name: z.string().trim().max(120, t.validation.nameTooLong).optional(),
    email: z.email({ error: t.validation.email }).max(254, t.validation.email).optional(),
    phone: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined
        const phone = normalizePhone(value)
        if (!phone) ctx.addIssue({ code: 'custom', message: t.validation.phone })
        return phone ?? undefined
      }),
    privacy: z.enum(PRIVACY, { error: t.validation.privacy }),
    idempotencyKey: z.string().min(8).max(100).optional(),
    photos: z
      .array(z.union([z.instanceof(File), z.string()]))
      .max(MAX_PHOTOS, t.validation.tooManyPhotos)
      .optional()
      .superRefine((items, ctx) => {
        for (const item of items ?? []) {
          if (typeof item === 'string') ctx.addIssue({ code: 'custom', message: item === TOO_LARGE ? t.validation.photoTooLarge : t.validation.photoType })
          else if (!isAcceptedPhotoType(item.type)) ctx.addIssue({ code: 'custom', message: t.validation.photoType })
        }
      }),
  }).superRefine(
    (v, ctx) => {
      const hasPoint = v.lat !== undefined && v.lng !== undefined
      if ((v.lat === undefined) !== (v.lng === undefined) || (hasPoint && !isInIndonesia({ lat: v.lat!, lng: v.lng! }))) {
        ctx.addIssue({ code: 'custom', path: ['areaId'], message: t.validation.locationInvalid })
      } else if (v.areaId === undefined && !hasPoint) {
        ctx.addIssue({ code: 'custom', path: ['areaId'], message: t.validation.kelurahanRequired })
      }
    },
    // Run even when other fields are invalid, so every message shows at once; but
    // only when the location fields themselves parsed.
    { when: (payload) => payload.issues.every((issue) => !LOCATION_FIELDS.includes(String(issue.path?.[0]))) },
  )
}

/** Multipart (with photos) or plain form posts. */
async function readForm(request: Request) {
  const type = request.headers.get('Content-Type') ?? ''
  return type.startsWith('multipart/form-data') ? unstable_parseMultipartFormData(request, photoUploadHandler) : request.formData()
}

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb()
  const jurisdiction = await getPublicJurisdiction()
  // The last lists read stand in while the database is away, so a form can still be shown (and come back filled).
  const [categories, kelurahan] = await lastKnownWhileDatabaseUnavailable(`lapor:${jurisdiction.id}`, () => Promise.all([listActiveCategories(db, jurisdiction.id), listKelurahan(db, jurisdiction.id)]))
  const preselected = new URL(request.url).searchParams.get('kategori')
  return {
    categories,
    kelurahan,
    // A fresh key per form render: a double submit of this form files one report.
    idempotencyKey: randomUUID(),
    preselectedCategoryId: categories.find((c) => c.code === preselected)?.id ?? null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const t = getDictionary(await getLocale(request))
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: schema(t) })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const v = submission.value
  const outcome = await submitReport({
    jurisdiction: await getPublicJurisdiction(),
    categoryId: v.categoryId,
    areaId: v.areaId,
    point: v.lat !== undefined && v.lng !== undefined ? { lat: v.lat, lng: v.lng } : null,
    description: v.description,
    address: v.address ?? null,
    privacy: v.privacy,
    contact: { name: v.name ?? null, email: v.email ?? null, phone: v.phone ?? null },
    idempotencyKey: v.idempotencyKey ?? randomUUID(),
    now: new Date(),
    files: (v.photos ?? []).filter((p): p is File => typeof p !== 'string'),
  }).catch(unlessDatabaseUnavailable)
  // Database away: the form comes back filled, with "coba lagi" (503), never a blank 500.
  if (outcome === DATABASE_UNAVAILABLE) return replyDatabaseUnavailable(request, submission)
  if (!outcome.ok) {
    const messages = {
      location_outside: t.validation.locationOutside,
      unknown_kelurahan: t.validation.unknownKelurahan,
      unknown_category: t.validation.unknownCategory,
      photo_unreadable: t.validation.photoUnreadable,
    }
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [messages[outcome.reason]] } }) }, { status: 400 })
  }
  return redirect(`/laporan/${outcome.filed.code}`, { headers: { 'Set-Cookie': await serializeReportFlash(outcome.filed) } })
}

export default function ReportForm() {
  const { categories, kelurahan, idempotencyKey, preselectedCategoryId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, locale } = useLocale()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { privacy: 'public', categoryId: preselectedCategoryId ?? undefined, idempotencyKey },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
  })
  const initialPoint = fields.lat.initialValue && fields.lng.initialValue ? { lat: Number(fields.lat.initialValue), lng: Number(fields.lng.initialValue) } : null
  const [point, setPoint] = useState(initialPoint)
  const selectedCategory = categories.find((c) => String(c.id) === String(fields.categoryId.value))
  const kecamatan = [...new Set(kelurahan.map((k) => k.kecamatan_name))]
  const privacyHints = { public: t.reportForm.privacyPublicHint, anonymous: t.reportForm.privacyAnonymousHint, confidential: t.reportForm.privacyConfidentialHint }
  const privacyLabels = { public: t.reportForm.privacyPublic, anonymous: t.reportForm.privacyAnonymous, confidential: t.reportForm.privacyConfidential }
  const submitting = navigation.state === 'submitting'

  return (
    <>
      <h1>{t.reportForm.heading}</h1>
      <p>{t.reportForm.intro}</p>
      <p className="notice warning">{t.reportForm.emergencyNote}</p>
      {form.status === 'error' ? (
        <div className="notice error" role="alert" id="form-errors">
          {form.errors?.length ? form.errors.join(' ') : t.reportForm.errorSummary}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
        <input {...getInputProps(fields.idempotencyKey, { type: 'hidden' })} />
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
            {selectedCategory.is_emergency ? <strong> {locale === 'id' ? selectedCategory.emergency_advice_id : selectedCategory.emergency_advice_en}</strong> : null}
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
        <TextField
          {...getInputProps(fields.address, { type: 'text' })}
          id={fields.address.id}
          label={t.reportForm.address}
          hint={t.reportForm.addressHint}
          errors={fields.address.errors}
          autoComplete="street-address"
        />

        <TextField
          id={fields.photos.id}
          name={fields.photos.name}
          type="file"
          accept="image/*"
          multiple
          label={t.reportForm.photos}
          hint={t.reportForm.photosHint}
          errors={fields.photos.errors}
        />

        <fieldset>
          <legend>{t.reportForm.privacyHeading}</legend>
          {PRIVACY.map((p) => (
            <div className="choice" key={p}>
              <input
                type="radio"
                id={`privacy-${p}`}
                name={fields.privacy.name}
                value={p}
                defaultChecked={fields.privacy.initialValue === p}
                aria-describedby={`privacy-${p}-hint`}
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
          <TextField {...getInputProps(fields.name, { type: 'text' })} id={fields.name.id} label={t.reportForm.name} errors={fields.name.errors} autoComplete="name" />
          <TextField {...getInputProps(fields.email, { type: 'email' })} id={fields.email.id} label={t.reportForm.email} errors={fields.email.errors} autoComplete="email" />
          <TextField
            {...getInputProps(fields.phone, { type: 'tel' })}
            id={fields.phone.id}
            label={t.reportForm.phone}
            hint={t.reportForm.phoneHint}
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
