// "Tambah informasi" on the reporter's private link (ADR 027): a note and/or up to 3
// photos, for everyone or only for the officers. A plain multipart form: works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import { useLocale } from '~/utils/locale'
import { ErrorList, TextareaField, TextField } from './field'

export function AddInformationForm({ token }: { token: string }) {
  const answer = useActionData<{ intent?: string; result?: SubmissionResult<string[]> }>()
  const { t } = useLocale()
  const [form, fields] = useForm<{ body: string; visibility: string; photos: string }>({
    id: 'information',
    lastResult: answer?.intent === 'information' ? answer.result : undefined,
    shouldValidate: 'onSubmit',
  })
  const visibility = fields.visibility.initialValue ?? 'public'
  return (
    <section aria-labelledby="information-heading" data-testid="add-information">
      <h2 id="information-heading">{t.followup.infoHeading}</h2>
      <p>{t.followup.infoIntro}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="information" />
        <input type="hidden" name="token" value={token} />
        <TextareaField
          id={fields.body.id}
          name={fields.body.name}
          defaultValue={fields.body.initialValue ?? ''}
          label={t.followup.infoBody}
          hint={t.followup.infoBodyHint}
          errors={fields.body.errors}
          rows={3}
        />
        <TextField
          id={fields.photos.id}
          name={fields.photos.name}
          type="file"
          accept="image/*"
          multiple
          label={t.followup.infoPhotos}
          hint={t.reportForm.photosHint}
          errors={fields.photos.errors}
        />
        <fieldset aria-describedby={fields.visibility.errors ? fields.visibility.errorId : undefined}>
          <legend>{t.followup.infoVisibility}</legend>
          <div className="choice">
            <input type="radio" id="information-public" name="visibility" value="public" defaultChecked={visibility === 'public'} />
            <label htmlFor="information-public">{t.followup.infoPublic}</label>
          </div>
          <div className="choice">
            <input type="radio" id="information-internal" name="visibility" value="internal" defaultChecked={visibility === 'internal'} />
            <label htmlFor="information-internal">{t.followup.infoStaffOnly}</label>
          </div>
          <ErrorList id={fields.visibility.errorId} errors={fields.visibility.errors} />
        </fieldset>
        <button type="submit" className="primary">
          {t.followup.infoSubmit}
        </button>
      </Form>
    </section>
  )
}
