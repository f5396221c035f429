// One category (or a new one at /admin/kategori/baru). The code is the stable key (seed,
// Open311 service_code): chosen once, never edited. Target changes apply to new reports only.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorList, SelectField, TextareaField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { mayTransferTo } from '~/domain/custody'
import { ADMIN_ROLES } from '~/domain/roles'
import { CLOCK_KINDS, PRIVACY_RULES } from '~/domain/vocabulary'
import { getDictionary } from '~/i18n'
import { categoryCodeTaken, createCategory, getCategory, updateCategory, type CategoryInput } from '~/models/admin-category.server'
import { getUnit, listUnits } from '~/models/admin-unit.server'
import { categorySchema } from '~/utils/admin-schemas'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

const NEW = 'baru'

function categoryId(params: { id?: string }) {
  if (params.id === NEW) return null
  const id = Number(params.id)
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw new Response('Not found', { status: 404 })
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const id = categoryId(params)
  const category = id === null ? null : await getCategory(db, user.jurisdictionId, id)
  if (id !== null && !category) throw new Response('Not found', { status: 404 })
  const units = (await listUnits(db, user.jurisdictionId))
    .filter((u) => u.active || u.id === category?.default_unit_id)
    .sort((x, y) => x.name.localeCompare(y.name))
  return { category, units }
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const db = await getDb()
  const id = categoryId(params)
  if (id !== null && !(await getCategory(db, user.jurisdictionId, id))) throw new Response('Not found', { status: 404 })
  const submission = parseForm(await readRequestForm(request), categorySchema(t, id === null), t)
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 })
  const v = submission.value
  const fail = (field: string, message: string) => data({ result: submission.reply({ fieldErrors: { [field]: [message] } }), saved: false }, { status: 400 })
  if (v.defaultUnitId !== undefined) {
    const unit = await getUnit(db, user.jurisdictionId, v.defaultUnitId)
    if (!unit || !unit.active) return fail('defaultUnitId', t.adminRef.unknownUnit)
    // The custody rule (domain/custody.ts): a misconduct report never goes to a non-Inspektorat unit.
    if (!mayTransferTo({ isMisconduct: Boolean(v.isMisconduct), privacy: 'public', unitKind: unit.kind }, unit))
      return fail('defaultUnitId', t.adminRef.misconductUnit)
  }
  if (id === null && (await categoryCodeTaken(db, user.jurisdictionId, v.code!))) return fail('code', t.adminRef.codeTaken)
  const input: CategoryInput = {
    groupCode: v.groupCode,
    icon: v.icon || null,
    nameId: v.nameId,
    nameEn: v.nameEn,
    descriptionId: v.descriptionId,
    descriptionEn: v.descriptionEn,
    defaultUnitId: v.defaultUnitId ?? null,
    privacyRule: v.privacyRule,
    isMisconduct: Boolean(v.isMisconduct),
    isEmergency: Boolean(v.isEmergency),
    emergencyAdviceId: v.emergencyAdviceId || null,
    emergencyAdviceEn: v.emergencyAdviceEn || null,
    responseTarget: v.responseTarget,
    responseClock: v.responseClock,
    resolutionTarget: v.resolutionTarget,
    resolutionClock: v.resolutionClock,
    sortOrder: v.sortOrder ?? 0,
    active: Boolean(v.active),
  }
  const actor = { userId: user.id, jurisdictionId: user.jurisdictionId }
  if (id === null) {
    const created = await db.transaction().execute((trx) => createCategory(trx, actor, v.code!, input))
    return redirect(`/admin/kategori/${created.id}?dibuat=1`)
  }
  await db.transaction().execute((trx) => updateCategory(trx, actor, id, input))
  return { result: submission.reply(), saved: true }
}

type FieldName =
  | 'code'
  | 'groupCode'
  | 'icon'
  | 'nameId'
  | 'nameEn'
  | 'descriptionId'
  | 'descriptionEn'
  | 'defaultUnitId'
  | 'privacyRule'
  | 'isMisconduct'
  | 'isEmergency'
  | 'emergencyAdviceId'
  | 'emergencyAdviceEn'
  | 'responseTarget'
  | 'responseClock'
  | 'resolutionTarget'
  | 'resolutionClock'
  | 'sortOrder'
  | 'active'

const on = (value: boolean) => (value ? 'on' : undefined)

export default function CategoryPage() {
  const { category: c, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t, locale } = useLocale()
  const a = t.adminRef
  const isNew = !c
  const [form, fields] = useForm({
    id: 'form-category',
    lastResult: actionData?.result,
    defaultValue: c
      ? {
          groupCode: c.group_code,
          icon: c.icon ?? '',
          nameId: c.name_id,
          nameEn: c.name_en,
          descriptionId: c.description_id,
          descriptionEn: c.description_en,
          defaultUnitId: c.default_unit_id ?? '',
          privacyRule: c.privacy_rule,
          isMisconduct: on(c.is_misconduct),
          isEmergency: on(c.is_emergency),
          emergencyAdviceId: c.emergency_advice_id ?? '',
          emergencyAdviceEn: c.emergency_advice_en ?? '',
          responseTarget: String(c.response_target),
          responseClock: c.response_clock,
          resolutionTarget: String(c.resolution_target),
          resolutionClock: c.resolution_clock,
          sortOrder: String(c.sort_order),
          active: on(c.active),
        }
      : { privacyRule: 'citizen_choice', responseClock: 'calendar_hours', resolutionClock: 'working_days', sortOrder: '0', active: 'on' },
    onValidate: ({ formData }) => parseForm(formData, categorySchema(t, isNew), t),
    shouldValidate: 'onSubmit',
  })
  // One loose field type: text, select, textarea and checkbox helpers all take it.
  const f = fields as unknown as Record<FieldName, Parameters<typeof getInputProps>[0]>
  const text = (name: FieldName, label: string, hint?: string) => (
    <TextField {...getInputProps(f[name], { type: 'text' })} id={f[name].id} label={label} hint={hint} errors={f[name].errors} />
  )
  const area = (name: FieldName, label: string) => (
    <TextareaField {...getTextareaProps(f[name])} id={f[name].id} label={label} errors={f[name].errors} rows={3} />
  )
  const check = (name: FieldName, label: string) => (
    <div className="field choice">
      <input {...getInputProps(f[name], { type: 'checkbox' })} id={f[name].id} />
      <label htmlFor={f[name].id}>{label}</label>
      <ErrorList errors={f[name].errors} />
    </div>
  )
  const clock = (name: 'responseClock' | 'resolutionClock', label: string) => (
    <SelectField {...getSelectProps(f[name])} id={f[name].id} label={label} errors={f[name].errors}>
      {CLOCK_KINDS.map((k) => (
        <option key={k} value={k}>
          {a.clockKinds[k]}
        </option>
      ))}
    </SelectField>
  )
  return (
    <>
      <h1>{!c ? a.categoryNew : locale === 'en' ? c.name_en : c.name_id}</h1>
      {params.get('dibuat') ? (
        <p className="notice success" role="status">
          {a.created}
        </p>
      ) : null}
      {actionData?.saved ? (
        <p className="notice success" role="status">
          {a.saved}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '40rem' }}>
        <ErrorList errors={form.errors} />
        {!c ? (
          text('code', a.categoryCode, a.codeHint)
        ) : (
          <p>
            {a.categoryCode}: <code>{c.code}</code> <span className="muted">({a.codeFixed})</span>
          </p>
        )}
        {text('nameId', a.nameId)}
        {text('nameEn', a.nameEn)}
        {area('descriptionId', a.descriptionId)}
        {area('descriptionEn', a.descriptionEn)}
        {text('groupCode', a.groupCode, a.codeHint)}
        {text('icon', a.icon, a.iconHint)}
        <SelectField
          {...getSelectProps(f.defaultUnitId)}
          id={f.defaultUnitId.id}
          label={a.defaultUnit}
          hint={a.defaultUnitHint}
          errors={f.defaultUnitId.errors}
        >
          <option value="">{a.noDefaultUnit}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(f.privacyRule)} id={f.privacyRule.id} label={a.privacyRule} errors={f.privacyRule.errors}>
          {PRIVACY_RULES.map((r) => (
            <option key={r} value={r}>
              {a.privacyRules[r]}
            </option>
          ))}
        </SelectField>
        {check('isMisconduct', a.isMisconduct)}
        <fieldset>
          <legend>{a.targetsHeading}</legend>
          <p className="notice">{a.targetsNewOnly}</p>
          <TextField
            {...getInputProps(f.responseTarget, { type: 'text' })}
            inputMode="decimal"
            id={f.responseTarget.id}
            label={a.responseTarget}
            errors={f.responseTarget.errors}
          />
          {clock('responseClock', a.responseClock)}
          <TextField
            {...getInputProps(f.resolutionTarget, { type: 'text' })}
            inputMode="decimal"
            id={f.resolutionTarget.id}
            label={a.resolutionTarget}
            errors={f.resolutionTarget.errors}
          />
          {clock('resolutionClock', a.resolutionClock)}
        </fieldset>
        {check('isEmergency', a.isEmergency)}
        {area('emergencyAdviceId', a.adviceId)}
        {area('emergencyAdviceEn', a.adviceEn)}
        <TextField {...getInputProps(f.sortOrder, { type: 'text' })} inputMode="numeric" id={f.sortOrder.id} label={a.sortOrder} errors={f.sortOrder.errors} />
        {check('active', a.activeLabel)}
        <button type="submit" className="primary">
          {isNew ? a.create : a.save}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
