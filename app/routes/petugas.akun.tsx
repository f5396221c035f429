// A staff member's own account: change the password, sign out everywhere.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { MIN_PASSWORD_LENGTH } from '~/domain/staff-accounts'
import { STAFF_ROLES } from '~/domain/vocabulary'
import { getDictionary, type Dictionary } from '~/i18n'
import { assertSameOrigin, changeOwnPassword, endAllSessions, requireStaff } from '~/utils/auth.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

function schema(t: Dictionary) {
  return z.discriminatedUnion('intent', [
    z
      .object({
        intent: z.literal('password'),
        current: z.string({ error: t.validation.passwordRequired }).max(200, t.account.wrongPassword),
        next: z.string({ error: t.account.passwordTooShort }).min(MIN_PASSWORD_LENGTH, t.account.passwordTooShort).max(200, t.account.passwordTooLong),
        repeat: z.string({ error: t.account.passwordsDiffer }),
      })
      .refine((v) => v.next === v.repeat, { path: ['repeat'], message: t.account.passwordsDiffer }),
    z.object({ intent: z.literal('sign_out_everywhere') }),
  ])
}

// Passwords are never sent back to the form.
const HIDDEN = ['current', 'next', 'repeat']

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, STAFF_ROLES)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, STAFF_ROLES)
  const t = getDictionary(await getLocale(request))
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: HIDDEN }), changed: false }, { status: 400 })
  const v = submission.value
  if (v.intent === 'sign_out_everywhere') return endAllSessions(user, context)
  const outcome = await changeOwnPassword(request, user, v.current, v.next, context)
  if (outcome === 'wrong') {
    return data({ result: submission.reply({ fieldErrors: { current: [t.account.wrongPassword] }, hideFields: HIDDEN }), changed: false }, { status: 400 })
  }
  return { result: submission.reply({ resetForm: true }), changed: true }
}

export default function Account() {
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form, fields] = useForm({
    id: 'form-password',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Record<'current' | 'next' | 'repeat', Parameters<typeof getInputProps>[0]>
  return (
    <>
      <h1>{t.account.heading}</h1>
      {actionData?.changed ? (
        <p className="notice success" role="status">
          {t.account.passwordChanged}
        </p>
      ) : null}
      <h2>{t.account.passwordHeading}</h2>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '28rem' }}>
        <ErrorList errors={form.errors} />
        <input type="hidden" name="intent" value="password" />
        <TextField
          {...getInputProps(f.current, { type: 'password' })}
          id={f.current.id}
          label={t.account.currentPassword}
          errors={f.current.errors}
          autoComplete="current-password"
        />
        <TextField
          {...getInputProps(f.next, { type: 'password' })}
          id={f.next.id}
          label={t.account.newPassword}
          hint={t.account.newPasswordHint}
          errors={f.next.errors}
          autoComplete="new-password"
        />
        <TextField
          {...getInputProps(f.repeat, { type: 'password' })}
          id={f.repeat.id}
          label={t.account.repeatPassword}
          errors={f.repeat.errors}
          autoComplete="new-password"
        />
        <button type="submit" className="primary">
          {t.account.changePassword}
        </button>
      </Form>
      <h2>{t.account.sessionsHeading}</h2>
      <p>{t.account.sessionsIntro}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign_out_everywhere" />
        <button type="submit" className="secondary">
          {t.account.signOutEverywhere}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
