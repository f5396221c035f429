// Routing rules: category × (kelurahan | kecamatan | whole jurisdiction) → unit, the order
// the router applies them in, a preview that runs the router filing uses, and the
// categories that fall through to the triage desk.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorList, SelectField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { mayTransferTo } from '~/domain/custody'
import { ROUTING_ORDER } from '~/domain/reference-admin'
import { ADMIN_ROLES } from '~/domain/roles'
import { ROUTING_SCOPES } from '~/domain/vocabulary'
import { fill, getDictionary } from '~/i18n'
import { getCategory, listCategories } from '~/models/admin-category.server'
import { createRule, deleteRule, getRule, listRules, listTriageFallThrough, previewRoute, ruleTargetsValid, updateRule } from '~/models/admin-routing.server'
import { getUnit, listUnits } from '~/models/admin-unit.server'
import { listKelurahan } from '~/models/reference.server'
import { routingPreviewSchema, routingSchema } from '~/utils/admin-schemas'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const db = await getDb()
  const url = new URL(request.url)
  const j = user.jurisdictionId
  const [rules, categories, units, kelurahan, fallThrough] = await Promise.all([
    listRules(db, j),
    listCategories(db, j),
    listUnits(db, j),
    listKelurahan(db, j),
    listTriageFallThrough(db, j),
  ])
  const editId = Number(url.searchParams.get('ubah'))
  const editing = Number.isInteger(editId) && editId > 0 && editId <= 2_147_483_647 ? ((await getRule(db, j, editId)) ?? null) : null
  let preview = null
  if (url.searchParams.has('kategori')) {
    const parsed = parseForm(url.searchParams, routingPreviewSchema(t), t)
    if (parsed.status === 'success') {
      const route = await previewRoute(db, j, parsed.value.kategori, parsed.value.kelurahan)
      preview = route ? { ...route, categoryId: parsed.value.kategori, kelurahanId: parsed.value.kelurahan } : { error: t.adminRef.previewUnknown }
    } else preview = { error: t.adminRef.previewUnknown }
  }
  return {
    rules,
    categories,
    units: units.filter((u) => u.active).sort((a, b) => a.name.localeCompare(b.name)),
    kelurahan,
    fallThrough,
    editing,
    preview,
    previewQuery: { kategori: url.searchParams.get('kategori') ?? '', kelurahan: url.searchParams.get('kelurahan') ?? '' },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const db = await getDb()
  const submission = parseForm(await readRequestForm(request), routingSchema(t), t)
  const fail = (intent: string, fieldErrors: Record<string, string[]> = {}) =>
    data({ intent, result: submission.reply({ fieldErrors }), done: null as 'saved' | 'deleted' | null }, { status: 400 })
  if (submission.status !== 'success') return fail(String(submission.payload.intent ?? ''))
  const v = submission.value
  const actor = { userId: user.id, jurisdictionId: user.jurisdictionId }
  if (v.intent === 'delete') {
    const deleted = await db.transaction().execute((trx) => deleteRule(trx, actor, v.id))
    if (!deleted) throw new Response('Not found', { status: 404 })
    return { intent: v.intent, result: submission.reply(), done: 'deleted' as const }
  }
  if (v.id !== undefined && !(await getRule(db, user.jurisdictionId, v.id))) throw new Response('Not found', { status: 404 })
  const input = {
    categoryId: v.categoryId,
    scope: v.scope,
    areaId: v.scope === 'jurisdiction' ? null : (v.areaId ?? null),
    unitId: v.unitId,
    precedence: v.precedence ?? 0,
    note: v.note || null,
  }
  const valid = await ruleTargetsValid(db, user.jurisdictionId, input)
  if (!valid.category) return fail(v.intent, { categoryId: [t.validation.unknownCategory] })
  if (!valid.area) return fail(v.intent, { areaId: [t.adminRef.areaWrongLevel] })
  if (!valid.unit) return fail(v.intent, { unitId: [t.adminRef.unknownUnit] })
  const [category, unit] = await Promise.all([getCategory(db, user.jurisdictionId, v.categoryId), getUnit(db, user.jurisdictionId, v.unitId)])
  // The custody rule (domain/custody.ts): a misconduct category is never routed outside the Inspektorat.
  if (!mayTransferTo({ isMisconduct: category!.is_misconduct, privacy: 'public', unitKind: unit!.kind }, unit!))
    return fail(v.intent, { unitId: [t.adminRef.misconductUnit] })
  await db.transaction().execute((trx) => (v.id === undefined ? createRule(trx, actor, input) : updateRule(trx, actor, v.id, input)))
  return { intent: v.intent, result: submission.reply({ resetForm: true }), done: 'saved' as const }
}

export default function Routing() {
  const { rules, categories, units, kelurahan, fallThrough, editing, preview, previewQuery } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, locale } = useLocale()
  const a = t.adminRef
  const name = (c: { name_id: string; name_en: string }) => (locale === 'en' ? c.name_en : c.name_id)
  const kecamatan = [...new Map(kelurahan.map((k) => [k.kecamatan_id, k.kecamatan_name])).entries()]
  const [form, fields] = useForm({
    id: `form-rule-${editing?.id ?? 'new'}`,
    lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
    defaultValue: editing
      ? {
          categoryId: editing.category_id,
          scope: editing.scope,
          areaId: editing.area_id ?? '',
          unitId: editing.unit_id,
          precedence: String(editing.precedence),
          note: editing.note ?? '',
        }
      : { scope: 'jurisdiction', precedence: '0' },
    onValidate: ({ formData }) => parseForm(formData, routingSchema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Record<'categoryId' | 'scope' | 'areaId' | 'unitId' | 'precedence' | 'note', Parameters<typeof getInputProps>[0]>
  const ruleLabel = (r: { scope: string; area_name: string | null }) =>
    r.scope === 'jurisdiction' ? a.scopes.jurisdiction : `${a.scopes[r.scope as 'kelurahan']} ${r.area_name}`
  return (
    <>
      <h1>{a.routingHeading}</h1>
      <h2>{a.orderHeading}</h2>
      <ol>
        {ROUTING_ORDER.map((reason) => (
          <li key={reason}>{a.reasons[reason]}</li>
        ))}
      </ol>
      <p className="muted">{a.precedenceExplained}</p>

      <h2>{a.previewHeading}</h2>
      <Form method="get" style={{ maxWidth: '32rem' }}>
        <SelectField name="kategori" id="preview-category" label={a.category} defaultValue={previewQuery.kategori}>
          {categories
            .filter((c) => c.active)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {name(c)}
              </option>
            ))}
        </SelectField>
        <SelectField name="kelurahan" id="preview-kelurahan" label={a.kelurahan} defaultValue={previewQuery.kelurahan}>
          {kecamatan.map(([id, kecName]) => (
            <optgroup key={id} label={kecName}>
              {kelurahan
                .filter((k) => k.kecamatan_id === id)
                .map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <button type="submit" className="secondary">
          {a.preview}
        </button>
      </Form>
      {preview ? (
        <p className="notice" role="status" id="routing-preview">
          {'error' in preview
            ? preview.error
            : fill(a.previewResult, {
                unit: preview.unitName,
                reason: a.reasons[preview.reason],
                rule: preview.ruleId === null ? '' : fill(a.previewRule, { id: preview.ruleId }),
              })}
        </p>
      ) : null}

      {fallThrough.length > 0 ? (
        <div className="notice warning">
          <h2>{a.fallThroughHeading}</h2>
          <ul>
            {fallThrough.map((c) => (
              <li key={c.id}>{fill(c.kelurahan === c.total ? a.fallThroughAll : a.fallThroughSome, { category: name(c), n: c.kelurahan, total: c.total })}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2>{a.rulesHeading}</h2>
      {actionData?.done ? (
        <p className="notice success" role="status">
          {actionData.done === 'deleted' ? a.deleted : a.saved}
        </p>
      ) : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{a.category}</th>
              <th scope="col">{a.area}</th>
              <th scope="col">{a.unit}</th>
              <th scope="col">{a.precedence}</th>
              <th scope="col">{a.actions}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{name(r)}</td>
                <td>{ruleLabel(r)}</td>
                <td>{r.unit_name}</td>
                <td>{r.precedence}</td>
                <td>
                  <Link to={`?ubah=${r.id}#form-rule`}>{fill(a.editRule, { id: r.id })}</Link>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" className="link-button">
                      {fill(a.deleteRule, { id: r.id })}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="form-rule">{editing ? fill(a.editRule, { id: editing.id }) : a.ruleNew}</h2>
      <Form method="post" action={editing ? `?ubah=${editing.id}` : '?'} {...getFormProps(form)} noValidate style={{ maxWidth: '32rem' }}>
        <ErrorList errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <SelectField {...getSelectProps(f.categoryId)} id={f.categoryId.id} label={a.category} errors={f.categoryId.errors}>
          <option value="">{a.chooseCategory}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {name(c)}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(f.scope)} id={f.scope.id} label={a.scope} errors={f.scope.errors}>
          {ROUTING_SCOPES.map((s) => (
            <option key={s} value={s}>
              {a.scopes[s]}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(f.areaId)} id={f.areaId.id} label={a.area} hint={a.areaHint} errors={f.areaId.errors}>
          <option value="">{a.noArea}</option>
          {kecamatan.map(([id, kecName]) => (
            <optgroup key={id} label={kecName}>
              <option value={id}>{fill(a.wholeKecamatan, { name: kecName })}</option>
              {kelurahan
                .filter((k) => k.kecamatan_id === id)
                .map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(f.unitId)} id={f.unitId.id} label={a.unit} errors={f.unitId.errors}>
          <option value="">{a.chooseUnit}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <TextField
          {...getInputProps(f.precedence, { type: 'text' })}
          inputMode="numeric"
          id={f.precedence.id}
          label={a.precedence}
          hint={a.precedenceHint}
          errors={f.precedence.errors}
        />
        <TextField {...getInputProps(f.note, { type: 'text' })} id={f.note.id} label={a.note} errors={f.note.errors} />
        <button type="submit" className="primary">
          {a.save}
        </button>
        {editing ? (
          <>
            {' '}
            <Link to="/admin/rute">{a.cancel}</Link>
          </>
        ) : null}
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
