import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { canUseQueue } from '~/domain/roles'
import type { StaffRole } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { assertSameOrigin, getStaffUser, safeRedirect, startSession, verifyLogin } from '~/utils/auth.server'
import { useLocale } from '~/utils/locale'
import { retryAfterHeaders } from '~/utils/rate-limit.server'
import { waitText } from '~/utils/wait-text'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'
import { passRetryAfter } from '~/utils/headers'

function schema(t: Dictionary) {
  return z.object({
    email: z.string({ error: t.validation.emailRequired }).trim().max(254, t.validation.email),
    password: z.string({ error: t.validation.passwordRequired }).max(200, t.login.invalid),
    redirectTo: z.string().optional(),
  })
}

function homeFor(role: StaffRole) {
  return canUseQueue(role) ? '/petugas' : '/dasbor'
}

// A 429's Retry-After reaches the page response.
export const headers = passRetryAfter()

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getStaffUser(request)
  if (user) throw redirect(homeFor(user.role))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const t = getDictionary(await getLocale(request))
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const { email, password, redirectTo } = submission.value
  const result = await verifyLogin(email, password, context)
  if (!result.ok && result.reason === 'throttled') {
    const message = fill(t.login.throttled, { wait: waitText(t, result.retryAfterSeconds) })
    return data({ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) }, { status: 429, headers: retryAfterHeaders(result) })
  }
  if (!result.ok) return data({ result: submission.reply({ formErrors: [t.login.invalid], hideFields: ['password'] }) }, { status: 401 })
  return startSession(result.userId, safeRedirect(redirectTo, homeFor(result.role)))
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useLocale()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
  })
  return (
    <>
      <h1>{t.login.heading}</h1>
      <div aria-live="assertive">
        {form.errors ? (
          <div className="notice error">
            <ErrorList errors={form.errors} />
          </div>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '28rem' }}>
        <input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
        <TextField
          {...getInputProps(fields.email, { type: 'email' })}
          id={fields.email.id}
          label={t.login.email}
          errors={fields.email.errors}
          autoComplete="username"
        />
        <TextField
          {...getInputProps(fields.password, { type: 'password' })}
          id={fields.password.id}
          label={t.login.password}
          errors={fields.password.errors}
          autoComplete="current-password"
        />
        <button type="submit" className="primary">
          {t.login.submit}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
