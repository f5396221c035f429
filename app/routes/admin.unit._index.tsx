// Units of the admin's jurisdiction as a tree, and a form to add one.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorList, SelectField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { unitTree } from '~/domain/reference-admin'
import { ADMIN_ROLES } from '~/domain/roles'
import { UNIT_KINDS } from '~/domain/vocabulary'
import { fill, getDictionary } from '~/i18n'
import { createUnit, getUnit, listUnits } from '~/models/admin-unit.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { unitSchema } from '~/utils/admin-schemas'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const units = await listUnits(await getDb(), user.jurisdictionId)
  return { units: unitTree(units.map((u) => ({ ...u, parentId: u.parent_id }))) }
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const submission = parseForm(await readRequestForm(request), unitSchema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const v = submission.value
  const db = await getDb()
  if (v.parentId !== undefined && !(await getUnit(db, user.jurisdictionId, v.parentId))) {
    return data({ result: submission.reply({ fieldErrors: { parentId: [t.adminRef.unknownUnit] } }) }, { status: 400 })
  }
  const actor = { userId: user.id, jurisdictionId: user.jurisdictionId }
  const unit = await db
    .transaction()
    .execute((trx) => createUnit(trx, actor, { name: v.name, shortName: v.shortName, kind: v.kind, parentId: v.parentId ?? null }))
  return redirect(`/admin/unit/${unit.id}?dibuat=1`)
}

export default function Units() {
  const { units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const a = t.adminRef
  const [form, fields] = useForm({
    id: 'form-unit-new',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseForm(formData, unitSchema(t), t),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <h1>{a.unitsHeading}</h1>
      <p>{a.unitsIntro}</p>
      <ul className="unit-tree">
        {units.map((u) => (
          <li key={u.id} style={{ marginLeft: `${u.depth * 1.25}rem` }}>
            <Link to={`/admin/unit/${u.id}`}>{u.name}</Link>{' '}
            <span className="muted">
              ({u.short_name}, {a.unitKinds[u.kind]})
            </span>
            {u.active ? null : <strong> · {a.inactive}</strong>}
            {u.open_reports > 0 ? <span className="muted"> · {fill(a.openReports, { n: u.open_reports })}</span> : null}
          </li>
        ))}
      </ul>
      <h2>{a.unitNew}</h2>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '32rem' }}>
        <ErrorList errors={form.errors} />
        <TextField {...getInputProps(fields.name, { type: 'text' })} id={fields.name.id} label={a.unitName} errors={fields.name.errors} />
        <TextField {...getInputProps(fields.shortName, { type: 'text' })} id={fields.shortName.id} label={a.unitShortName} errors={fields.shortName.errors} />
        <SelectField {...getSelectProps(fields.kind)} id={fields.kind.id} label={a.unitKind} errors={fields.kind.errors}>
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {a.unitKinds[k]}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(fields.parentId)} id={fields.parentId.id} label={a.unitParent} errors={fields.parentId.errors}>
          <option value="">{a.noParent}</option>
          {units
            .filter((u) => u.active)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {'\u00a0'.repeat(u.depth * 2)}
                {u.name}
              </option>
            ))}
        </SelectField>
        <button type="submit" className="primary">
          {a.create}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
