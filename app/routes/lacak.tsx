// Look-up by tracking code. Unknown and confidential codes get the same answer,
// so the page never reveals that a confidential report exists. A second form sends a
// lost private link again (intent "resend"); its answer is the same whether or not the
// code and contact match.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { TrackForm } from '~/components/track-form'
import type { PhoneCheck } from '~/domain/phone'
import { checkPhoneShape } from '~/domain/phone-shape'
import { normalizeTrackingCode } from '~/domain/tracking-code'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { getPublicReport } from '~/models/report.server'
import { resendPrivateLink, type ReporterContact } from '~/services/private-link-resend.server'
import { getDb } from '~/utils/db.server'
import { publicPathFor } from '~/utils/jurisdiction.server'
import { assertSameOrigin } from '~/utils/auth.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { checkPhone } from '~/utils/phone.server'
import { readRequestForm } from '~/utils/request-form.server'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { waitText } from '~/utils/wait-text'
import { passRetryAfter } from '~/utils/headers'

// A 429's Retry-After reaches the page response.
export const headers = passRetryAfter()

/** `checkPhone`: the full check on the server, only the shape in the browser (bundle size). */
function resendSchema(t: Dictionary, checkPhone: (value: string) => PhoneCheck) {
  return z.object({
    intent: z.literal('resend'),
    code: z
      .string({ error: t.validation.required })
      .max(40, t.track.invalid)
      .transform((value, ctx) => {
        const code = normalizeTrackingCode(value)
        if (!code) ctx.addIssue({ code: 'custom', message: t.track.invalid })
        return code ?? ''
      }),
    // An email when it has an @, else a phone number, compared in E.164.
    contact: z
      .string({ error: t.validation.required })
      .trim()
      .max(254, t.validation.email)
      .transform((value, ctx): ReporterContact => {
        if (value.includes('@')) {
          if (!z.email().safeParse(value).success) ctx.addIssue({ code: 'custom', message: t.validation.email })
          return { email: value }
        }
        const phone = checkPhone(value)
        if (!phone.ok) ctx.addIssue({ code: 'custom', message: t.validation.phone })
        return { phone: phone.ok ? phone.e164 : '' }
      }),
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  // A cross-site page must not be able to replace a reporter's link (even knowing the code and contact).
  assertSameOrigin(request)
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const formData = await readRequestForm(request)
  const submission = parseForm(formData, resendSchema(t, checkPhone), t)
  // Every post counts, valid or not. The private-link limiter (not the look-up one): each
  // post may send a message and replace a token, so it gets the stricter budget of the
  // other private-link door (laporan.$code), and guessing contacts shares that budget.
  const limited = await consumeLimit('privateLink', context)
  if (limited) {
    const message = fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) })
    return data({ result: submission.reply({ formErrors: [message] }), sent: false }, { status: 429, headers: retryAfterHeaders(limited) })
  }
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
  await resendPrivateLink(await getDb(), { code: submission.value.code, contact: submission.value.contact, locale, now: new Date() })
  // The same answer whether or not anything was sent; the contact is not echoed back.
  return data({ result: submission.reply({ hideFields: ['contact'] }), sent: true })
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get('kode') ?? ''
  // Counted before the look-up: guessing codes is what this limit stops.
  const limited = await consumeLimit('lookup', context)
  if (limited)
    return data({ raw, error: 'rate_limited' as const, retryAfterSeconds: limited.retryAfterSeconds }, { status: 429, headers: retryAfterHeaders(limited) })
  const code = normalizeTrackingCode(raw)
  if (!code) return { raw, error: 'invalid' as const, retryAfterSeconds: 0 }
  const found = await getPublicReport(await getDb(), code, null)
  if (found) throw redirect(await publicPathFor(request, `/laporan/${code}`))
  return { raw: code, error: 'not_found' as const, retryAfterSeconds: 0 }
}

export default function Track() {
  const { raw, error, retryAfterSeconds } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  return (
    <>
      <h1>{t.home.trackHeading}</h1>
      {/* After a resend post the look-up's own message would only confuse. */}
      {actionData ? null : (
        <div className="notice error" role="alert">
          {error === 'rate_limited'
            ? fill(t.limits.tooManyPlain, { wait: waitText(t, retryAfterSeconds) })
            : error === 'invalid'
              ? t.track.invalid
              : fill(t.track.notFound, { code: raw })}
        </div>
      )}
      <TrackForm defaultValue={actionData ? undefined : raw} invalid={!actionData} />
      <ResendForm />
    </>
  )
}

function ResendForm() {
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseForm(formData, resendSchema(t, checkPhoneShape), t),
    shouldRevalidate: 'onBlur',
  })
  return (
    <section aria-labelledby="resend-heading">
      <h2 id="resend-heading">{t.track.resendHeading}</h2>
      <p>{t.track.resendIntro}</p>
      {actionData?.sent ? (
        <div className="notice" role="status">
          {t.track.resendSent}
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="resend" />
        <TextField
          {...getInputProps(fields.code, { type: 'text' })}
          id={fields.code.id}
          label={t.track.resendCode}
          errors={fields.code.errors}
          autoComplete="off"
          autoCapitalize="characters"
        />
        <TextField {...getInputProps(fields.contact, { type: 'text' })} id={fields.contact.id} label={t.track.resendContact} errors={fields.contact.errors} />
        <button type="submit" className="secondary">
          {t.track.resendButton}
        </button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
