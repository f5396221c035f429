// A unit's response templates, kept by its supervisors (ADR 018). Officers insert them
// into a public update on the report page and edit them before sending.
import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextareaField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { TEMPLATE_ROLES } from '~/domain/roles'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { createTemplate, deleteTemplate, listUnitTemplates, TemplateTitleTakenError, updateTemplate } from '~/models/response-template.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'
import { dbId } from '~/utils/schemas'

export { noStoreHeaders as headers } from '~/utils/headers'

function schema(t: Dictionary) {
  const title = z.string({ error: t.officer.templateTitleRequired }).trim().min(1, t.officer.templateTitleRequired).max(120, t.officer.templateTitleRequired)
  const body = z.string({ error: t.officer.templateBodyRequired }).trim().min(1, t.officer.templateBodyRequired).max(2000, t.officer.templateBodyRequired)
  const id = dbId(t.officer.templateUnknown)
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('create'), title, body }),
    z.object({ intent: z.literal('update'), id, title, body }),
    z.object({ intent: z.literal('delete'), id }),
  ])
}

async function requireUnitSupervisor(request: Request) {
  const user = await requireStaff(request, TEMPLATE_ROLES)
  // Templates belong to a unit: an account without one has nothing to keep here.
  if (user.unitId === null) throw new Response('Forbidden', { status: 403 })
  return { user, unitId: user.unitId }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, unitId } = await requireUnitSupervisor(request)
  return { unitName: user.unitName, templates: await listUnitTemplates(await getDb(), unitId) }
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const { user, unitId } = await requireUnitSupervisor(request)
  const t = getDictionary(await getLocale(request))
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  const formId = formIdOf(submission.payload)
  if (submission.status !== 'success') return data({ formId, result: submission.reply(), done: null }, { status: 400 })
  const v = submission.value
  const actor = { userId: user.id, jurisdictionId: user.jurisdictionId, now: new Date() }
  try {
    const found = await (await getDb()).transaction().execute(async (trx) => {
      if (v.intent === 'create') return Boolean(await createTemplate(trx, actor, { unitId, title: v.title, body: v.body }))
      if (v.intent === 'update') return updateTemplate(trx, actor, { unitId, id: v.id, title: v.title, body: v.body })
      return deleteTemplate(trx, actor, { unitId, id: v.id })
    })
    if (!found) return data({ formId, result: submission.reply({ formErrors: [t.officer.templateUnknown] }), done: null }, { status: 404 })
  } catch (error) {
    if (error instanceof TemplateTitleTakenError) {
      return data({ formId, result: submission.reply({ fieldErrors: { title: [t.officer.templateTitleTaken] } }), done: null }, { status: 400 })
    }
    throw error
  }
  return {
    formId,
    result: submission.reply({ resetForm: v.intent === 'create' }),
    done: v.intent === 'delete' ? t.officer.templateDeleted : t.officer.templateSaved,
  }
}

/** Which of the page's forms a reply belongs to: the new one, or the one of a template. */
function formIdOf(payload: Record<string, unknown>) {
  return payload.intent === 'create' ? 'template-new' : `template-${String(payload.id ?? '')}`
}

export default function Templates() {
  const { unitName, templates } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  return (
    <>
      <p>
        <Link to="/petugas">← {t.staff.back}</Link>
      </p>
      <h1>{t.officer.templatesHeading}</h1>
      <p>{fill(t.officer.templatesIntro, { unit: unitName ?? '' })}</p>
      {actionData?.done ? (
        <p className="notice success" role="status">
          {actionData.done}
        </p>
      ) : null}
      {templates.length === 0 ? <p className="muted">{t.officer.templatesEmpty}</p> : null}
      {templates.map((tpl) => (
        <TemplateForm key={`${tpl.id}-${String(tpl.updated_at)}`} template={tpl} />
      ))}
      <h2>{t.officer.templateAdd}</h2>
      <TemplateForm template={null} />
    </>
  )
}

function TemplateForm({ template }: { template: { id: number; title: string; body: string } | null }) {
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const id = template ? `template-${template.id}` : 'template-new'
  const [form, fields] = useForm({
    id,
    lastResult: actionData?.formId === id ? actionData.result : undefined,
    defaultValue: template ? { title: template.title, body: template.body } : undefined,
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card" noValidate>
      <ErrorList errors={form.errors} />
      {template ? <input type="hidden" name="id" value={template.id} /> : null}
      <TextField
        {...getInputProps(fields.title, { type: 'text' })}
        id={fields.title.id}
        label={t.officer.templateTitle}
        errors={fields.title.errors}
        maxLength={120}
      />
      <TextareaField {...getTextareaProps(fields.body)} id={fields.body.id} label={t.officer.templateBody} errors={fields.body.errors} rows={4} />
      {template ? (
        <>
          <button type="submit" name="intent" value="update">
            {t.officer.templateSave}
          </button>{' '}
          <button type="submit" name="intent" value="delete" className="secondary">
            {t.officer.templateDelete}
          </button>
        </>
      ) : (
        <button type="submit" name="intent" value="create">
          {t.officer.templateAdd}
        </button>
      )}
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
