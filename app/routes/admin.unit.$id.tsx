// One unit: rename, parent, kind; deactivate (moving its open reports first) or reactivate.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorList, SelectField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { unitTree, wouldCreateCycle } from '~/domain/reference-admin'
import { ADMIN_ROLES } from '~/domain/roles'
import { UNIT_KINDS } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { getUnit, listUnits, otherActiveTriageDesks, unitUsage, updateUnit } from '~/models/admin-unit.server'
import { deactivateUnit } from '~/services/unit-deactivation.server'
import { unitEditSchema, unitSchema } from '~/utils/admin-schemas'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

function unitId(params: { id?: string }) {
  const id = Number(params.id)
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw new Response('Not found', { status: 404 })
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const id = unitId(params)
  const unit = await getUnit(db, user.jurisdictionId, id)
  if (!unit) throw new Response('Not found', { status: 404 })
  const [usage, units] = await Promise.all([unitUsage(db, user.jurisdictionId, id), listUnits(db, user.jurisdictionId)])
  const tree = unitTree(units.map((u) => ({ ...u, parentId: u.parent_id })))
  return {
    unit,
    usage,
    units: tree.filter((u) => u.active && u.id !== id && !wouldCreateCycle(tree, id, u.id)),
    moveTargets: tree.filter((u) => u.active && u.id !== id),
  }
}

type Outcome = 'saved' | 'deactivated' | 'activated'

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const db = await getDb()
  const id = unitId(params)
  const unit = await getUnit(db, user.jurisdictionId, id)
  if (!unit) throw new Response('Not found', { status: 404 })
  const submission = parseForm(await readRequestForm(request), unitEditSchema(t), t)
  const fail = (intent: string, fieldErrors: Record<string, string[]> = {}, formErrors: string[] = []) =>
    data({ intent, result: submission.reply({ fieldErrors, formErrors }), outcome: null as Outcome | null, moved: 0 }, { status: 400 })
  if (submission.status !== 'success') return fail(String(submission.payload.intent ?? ''))
  const v = submission.value
  const actor = { userId: user.id, jurisdictionId: user.jurisdictionId }
  if (v.intent === 'update') {
    const parentId = v.parentId ?? null
    if (parentId !== null) {
      const all = await listUnits(db, user.jurisdictionId)
      if (!all.some((u) => u.id === parentId)) return fail(v.intent, { parentId: [t.adminRef.unknownUnit] })
      if (
        wouldCreateCycle(
          all.map((u) => ({ id: u.id, parentId: u.parent_id })),
          id,
          parentId,
        )
      )
        return fail(v.intent, { parentId: [t.adminRef.parentCycle] })
    }
    if (unit.kind === 'triage_desk' && v.kind !== 'triage_desk' && (await otherActiveTriageDesks(db, user.jurisdictionId, id)) === 0) {
      return fail(v.intent, { kind: [t.adminRef.lastTriageDesk] })
    }
    // Misconduct reports stay with Inspektorat units (domain/custody.ts): one that holds reports keeps its kind.
    if (unit.kind === 'inspektorat' && v.kind !== 'inspektorat' && (await unitUsage(db, user.jurisdictionId, id)).openReports > 0) {
      return fail(v.intent, { kind: [t.adminRef.inspectorateKind] })
    }
    await db.transaction().execute((trx) => updateUnit(trx, actor, id, { name: v.name, shortName: v.shortName, kind: v.kind, parentId }))
    return { intent: v.intent, result: submission.reply(), outcome: 'saved' as Outcome | null, moved: 0 }
  }
  if (v.intent === 'activate') {
    await db.transaction().execute((trx) => updateUnit(trx, actor, id, { active: true }))
    return { intent: v.intent, result: submission.reply(), outcome: 'activated' as Outcome | null, moved: 0 }
  }
  if (unit.kind === 'triage_desk' && (await otherActiveTriageDesks(db, user.jurisdictionId, id)) === 0) return fail(v.intent, {}, [t.adminRef.lastTriageDesk])
  const outcome = await deactivateUnit(db, actor, id, v.moveToUnitId ?? null, new Date())
  switch (outcome.status) {
    case 'deactivated':
      return { intent: v.intent, result: submission.reply(), outcome: 'deactivated' as Outcome | null, moved: outcome.moved }
    case 'not_found':
      throw new Response('Not found', { status: 404 })
    default:
      return fail(v.intent, outcome.status === 'bad_target' ? { moveToUnitId: [t.adminRef.unknownUnit] } : {}, [deactivationMessage(t, outcome)])
  }
}

function deactivationMessage(t: Dictionary, outcome: Exclude<Awaited<ReturnType<typeof deactivateUnit>>, { status: 'deactivated' | 'not_found' }>) {
  switch (outcome.status) {
    case 'has_open_reports':
      return fill(t.adminRef.hasOpenReports, { n: outcome.openReports })
    case 'still_routed':
      return fill(t.adminRef.stillRouted, { rules: outcome.rules, categories: outcome.categories })
    case 'custody':
      return t.adminRef.moveCustody
    case 'conflict':
      return t.adminRef.moveConflict
    case 'bad_target':
      return t.adminRef.unknownUnit
  }
}

export default function UnitPage() {
  const { unit, usage, units, moveTargets } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useLocale()
  const a = t.adminRef
  const [form, fields] = useForm({
    id: 'form-unit-edit',
    lastResult: actionData?.intent === 'update' ? actionData.result : undefined,
    defaultValue: { name: unit.name, shortName: unit.short_name, kind: unit.kind, parentId: unit.parent_id ?? '' },
    onValidate: ({ formData }) => parseForm(formData, unitSchema(t), t),
    shouldValidate: 'onSubmit',
  })
  const [moveForm, moveFields] = useForm({
    id: 'form-unit-deactivate',
    lastResult: actionData?.intent === 'deactivate' ? actionData.result : undefined,
  })
  const done = actionData?.outcome
  return (
    <>
      <h1>{unit.name}</h1>
      {params.get('dibuat') ? (
        <p className="notice success" role="status">
          {a.created}
        </p>
      ) : null}
      {done ? (
        <p className="notice success" role="status">
          {done === 'deactivated' ? fill(a.deactivated, { n: actionData?.moved ?? 0 }) : done === 'activated' ? a.activated : a.saved}
        </p>
      ) : null}
      <p className="muted">
        {a.unitKey}: <code>{unit.key}</code> · {unit.active ? a.active : a.inactive} · {fill(a.openReports, { n: usage.openReports })}
      </p>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '32rem' }}>
        <ErrorList errors={form.errors} />
        <input type="hidden" name="intent" value="update" />
        <TextField {...getInputProps(fields.name, { type: 'text' })} id={fields.name.id} label={a.unitName} errors={fields.name.errors} />
        <TextField {...getInputProps(fields.shortName, { type: 'text' })} id={fields.shortName.id} label={a.unitShortName} errors={fields.shortName.errors} />
        <SelectField {...getSelectProps(fields.kind)} id={fields.kind.id} label={a.unitKind} errors={fields.kind.errors}>
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {a.unitKinds[k]}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(fields.parentId)} id={fields.parentId.id} label={a.unitParent} hint={a.unitParentHint} errors={fields.parentId.errors}>
          <option value="">{a.noParent}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {'\u00a0'.repeat(u.depth * 2)}
              {u.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="primary">
          {a.save}
        </button>
      </Form>
      <h2>{unit.active ? a.deactivateHeading : a.activateHeading}</h2>
      {unit.active ? (
        <Form method="post" {...getFormProps(moveForm)} style={{ maxWidth: '32rem' }}>
          <ErrorList errors={moveForm.errors} />
          <input type="hidden" name="intent" value="deactivate" />
          {usage.rules > 0 || usage.categories > 0 ? (
            <p className="notice warning">{fill(a.stillRouted, { rules: usage.rules, categories: usage.categories })}</p>
          ) : null}
          {usage.openReports > 0 ? (
            <>
              <p>{fill(a.hasOpenReports, { n: usage.openReports })}</p>
              <SelectField name="moveToUnitId" id="moveToUnitId" label={a.moveTo} hint={a.moveHint} errors={moveFields.moveToUnitId?.errors}>
                <option value="">{a.chooseUnit}</option>
                {moveTargets.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </SelectField>
            </>
          ) : (
            <p>{a.deactivateIntro}</p>
          )}
          <button type="submit" className="secondary">
            {usage.openReports > 0 ? a.moveAndDeactivate : a.deactivate}
          </button>
        </Form>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="activate" />
          <button type="submit" className="secondary">
            {a.activate}
          </button>
        </Form>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
