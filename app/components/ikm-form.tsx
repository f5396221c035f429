// The IKM survey (PermenPAN-RB 14/2017) on the reporter's private link after closure: one
// page, nine questions with four answers each, no JavaScript needed (ADR 022).
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import { IKM_SCORES, IKM_UNSUR } from '~/domain/ikm'
import { useLocale } from '~/utils/locale'
import { ErrorList } from './field'

export function IkmForm({ token }: { token: string }) {
  const answer = useActionData<{ intent?: string; result?: SubmissionResult<string[]> }>()
  const { t } = useLocale()
  const [form, fields] = useForm<Record<(typeof IKM_UNSUR)[number], string>>({
    id: 'ikm',
    lastResult: answer?.intent === 'ikm' ? answer.result : undefined,
    shouldValidate: 'onSubmit',
  })
  return (
    <section aria-labelledby="ikm-heading" data-testid="ikm">
      <h2 id="ikm-heading">{t.citizen.ikmHeading}</h2>
      <p>{t.citizen.ikmIntro}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="ikm" />
        <input type="hidden" name="token" value={token} />
        {IKM_UNSUR.map((u, i) => {
          const field = fields[u]
          const text = t.citizen.ikm[u]
          const previous = field.initialValue
          return (
            <fieldset key={u} aria-describedby={`ikm-${u}-help${field.errors ? ` ${field.errorId}` : ''}`}>
              <legend>
                {i + 1}. {text.question}
              </legend>
              <p className="hint" id={`ikm-${u}-help`}>
                {text.help}
              </p>
              {IKM_SCORES.map((score) => (
                <div className="choice" key={score}>
                  <input type="radio" id={`ikm-${u}-${score}`} name={u} value={score} defaultChecked={previous === String(score)} />
                  <label htmlFor={`ikm-${u}-${score}`}>{text.answers[score - 1]}</label>
                </div>
              ))}
              <ErrorList id={field.errorId} errors={field.errors} />
            </fieldset>
          )
        })}
        <button type="submit" className="primary">
          {t.citizen.ikmSubmit}
        </button>
      </Form>
    </section>
  )
}
