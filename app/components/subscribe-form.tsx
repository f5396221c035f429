// "Ikuti kabar laporan ini" on a public report page (ADR 027): anyone leaves an email (or a
// WhatsApp number where configured) to get the report's updates. Works without JavaScript.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import { useLocale } from '~/utils/locale'
import { ErrorList, TextField } from './field'

export function SubscribeForm({ whatsapp }: { whatsapp: boolean }) {
  const answer = useActionData<{ intent?: string; result?: SubmissionResult<string[]> }>()
  const { t } = useLocale()
  const [form, fields] = useForm<{ email: string; phone: string }>({
    id: 'subscribe',
    lastResult: answer?.intent === 'subscribe' ? answer.result : undefined,
    shouldValidate: 'onSubmit',
  })
  return (
    <section aria-labelledby="subscribe-heading" data-testid="subscribe">
      <h2 id="subscribe-heading">{t.followup.subscribeHeading}</h2>
      <p>{t.followup.subscribeIntro}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="subscribe" />
        <TextField
          {...getInputProps(fields.email, { type: 'email' })}
          id={fields.email.id}
          label={t.followup.subscribeEmail}
          errors={fields.email.errors}
          autoComplete="email"
        />
        {whatsapp ? (
          <TextField
            {...getInputProps(fields.phone, { type: 'tel' })}
            id={fields.phone.id}
            label={t.followup.subscribePhone}
            errors={fields.phone.errors}
            autoComplete="tel"
            inputMode="tel"
          />
        ) : null}
        <button type="submit">{t.followup.subscribeSubmit}</button>
      </Form>
    </section>
  )
}
