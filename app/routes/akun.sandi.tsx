// Public: set a staff password through a one-time link (an invitation or a reset),
// /akun/sandi?t=…. A used, expired or cancelled link gets a page saying so.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { canUseQueue } from '~/domain/roles'
import { MIN_PASSWORD_LENGTH } from '~/domain/staff-accounts'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { describeSetPasswordLink, redeemSetPasswordLink } from '~/services/staff-accounts.server'
import { assertSameOrigin, startSession } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { passRetryAfter } from '~/utils/headers'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { clientIp, consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { readRequestForm } from '~/utils/request-form.server'
import { waitText } from '~/utils/wait-text'

// The page carries a secret in its URL: never cached, never sent on as a Referer.
export const headers = passRetryAfter({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' })

function schema(t: Dictionary) {
  return z
    .object({
      t: z.string().max(200).optional(),
      next: z.string({ error: t.account.passwordTooShort }).min(MIN_PASSWORD_LENGTH, t.account.passwordTooShort).max(200, t.account.passwordTooLong),
      repeat: z.string({ error: t.account.passwordsDiffer }),
    })
    .refine((v) => v.next === v.repeat, { path: ['repeat'], message: t.account.passwordsDiffer })
}

const HIDDEN = ['next', 'repeat']

function tokenOf(request: Request) {
  return (new URL(request.url).searchParams.get('t') ?? '').slice(0, 200)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const link = await describeSetPasswordLink(await getDb(), tokenOf(request), new Date())
  return data(link, { status: link.state === 'valid' ? 200 : 410 })
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const t = getDictionary(await getLocale(request))
  // Guessing tokens is hopeless (256 bits), but the form is public: it counts like the reporter's link.
  const limited = await consumeLimit('privateLink', context)
  if (limited) {
    const message = fill(t.login.throttled, { wait: waitText(t, limited.retryAfterSeconds) })
    return data(
      { result: { status: 'error' as const, error: { '': [message] } }, state: 'valid' as const },
      { status: 429, headers: retryAfterHeaders(limited) },
    )
  }
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: HIDDEN }), state: 'valid' as const }, { status: 400 })
  const raw = submission.value.t ?? tokenOf(request)
  const outcome = await redeemSetPasswordLink(await getDb(), raw, submission.value.next, clientIp(context), new Date())
  if (!outcome.ok) return data({ result: submission.reply({ hideFields: HIDDEN }), state: outcome.state }, { status: 410 })
  // Signed in at once; the session cookie comes with the redirect.
  return startSession(outcome.userId, canUseQueue(outcome.role) ? '/petugas' : '/dasbor')
}

export default function SetPassword() {
  const link = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [searchParams] = useSearchParams()
  const p = t.setPassword
  const state = actionData?.state ?? link.state
  const [form, fields] = useForm({
    id: 'form-set-password',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  if (state !== 'valid') {
    return (
      <>
        <h1>{p.expiredHeading}</h1>
        <p className="notice error">{p[state]}</p>
        <p>
          <Link to="/masuk">{p.toLogin}</Link>
        </p>
      </>
    )
  }
  const f = fields as unknown as Record<'next' | 'repeat', Parameters<typeof getInputProps>[0]>
  return (
    <>
      <h1>{p.heading}</h1>
      <p>{fill(p.intro, { name: link.name ?? '' })}</p>
      <div aria-live="assertive">
        {form.errors?.length ? (
          <div className="notice error">
            <ErrorList errors={form.errors} />
          </div>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '28rem' }}>
        <input type="hidden" name="t" value={searchParams.get('t') ?? ''} />
        <TextField
          {...getInputProps(f.next, { type: 'password' })}
          id={f.next.id}
          label={p.password}
          hint={t.account.newPasswordHint}
          errors={f.next.errors}
          autoComplete="new-password"
        />
        <TextField {...getInputProps(f.repeat, { type: 'password' })} id={f.repeat.id} label={p.repeat} errors={f.repeat.errors} autoComplete="new-password" />
        <button type="submit" className="primary">
          {p.submit}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
