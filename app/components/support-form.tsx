// "Saya juga mengalami ini" on /laporan/{code}: one button, and an optional contact for
// the report's updates. Works without JavaScript.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import { ErrorList, TextField } from './field'
import { useLocale } from '~/utils/locale'

export function SupportForm({ whatsapp }: { whatsapp: boolean }) {
  const answer = useActionData<{ intent?: string; result?: SubmissionResult<string[]> }>()
  const { t } = useLocale()
  const [form, fields] = useForm<{ intent: string; email: string; phone: string }>({
    id: 'support',
    lastResult: answer?.intent === 'support' ? answer.result : undefined,
    shouldValidate: 'onSubmit',
  })
  return (
    <section aria-labelledby="support-heading">
      <h2 id="support-heading">{t.citizen.supportButton}</h2>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="support" />
        <fieldset>
          <legend>{t.citizen.supportContactHeading}</legend>
          <TextField
            {...getInputProps(fields.email, { type: 'email' })}
            id={fields.email.id}
            label={t.citizen.supportEmail}
            errors={fields.email.errors}
            autoComplete="email"
          />
          {whatsapp ? (
            <TextField
              {...getInputProps(fields.phone, { type: 'tel' })}
              id={fields.phone.id}
              label={t.citizen.supportPhone}
              errors={fields.phone.errors}
              autoComplete="tel"
              inputMode="tel"
            />
          ) : null}
        </fieldset>
        <button type="submit" className="primary">
          {t.citizen.supportButton}
        </button>
      </Form>
    </section>
  )
}
