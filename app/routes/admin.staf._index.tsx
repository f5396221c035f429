// Admins: the jurisdiction's staff accounts (filter by role and unit) and the invitation form.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, SelectField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ADMIN_ROLES } from '~/domain/roles'
import { isOneOf, STAFF_ROLES } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { getJurisdictionById, listActiveUnits } from '~/models/reference.server'
import { listStaff } from '~/models/staff-account.server'
import { inviteStaff } from '~/services/staff-accounts.server'
import { staffErrorMessage } from '~/utils/staff-admin.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { clientIp } from '~/utils/rate-limit.server'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

function inviteSchema(t: Dictionary) {
  return z.object({
    intent: z.literal('invite'),
    name: z.string({ error: t.staffAdmin.nameRequired }).trim().min(1, t.staffAdmin.nameRequired).max(120, t.staffAdmin.nameTooLong),
    email: z.email({ error: t.validation.email }).trim().max(254, t.validation.email),
    role: z.enum(STAFF_ROLES, { error: t.staffAdmin.roleRequired }),
    unitId: z.coerce.number({ error: t.staffAdmin.unknownUnit }).int().min(1).max(2_147_483_647).optional(),
  })
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const url = new URL(request.url)
  const role = url.searchParams.get('peran') ?? ''
  const unit = Number(url.searchParams.get('unit'))
  const filters = {
    role: isOneOf(STAFF_ROLES, role) ? role : undefined,
    unitId: Number.isSafeInteger(unit) && unit > 0 && unit < 2_147_483_647 ? unit : undefined,
  }
  const [staff, units, jurisdiction] = await Promise.all([
    listStaff(db, admin.jurisdictionId, filters),
    listActiveUnits(db, admin.jurisdictionId),
    getJurisdictionById(db, admin.jurisdictionId),
  ])
  const now = Date.now()
  return {
    staff: staff.map((s) => ({ ...s, locked: s.locked_until !== null && new Date(s.locked_until).getTime() > now })),
    units,
    filters: { role: filters.role ?? '', unitId: filters.unitId ?? '' },
    jurisdictionName: jurisdiction?.name ?? '',
    timeZone: jurisdiction?.time_zone ?? 'Asia/Jakarta',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const admin = await requireStaff(request, ADMIN_ROLES)
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const submission = parseForm(await readRequestForm(request), inviteSchema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply(), invited: null }, { status: 400 })
  const v = submission.value
  const db = await getDb()
  const result = await inviteStaff(
    db,
    { id: admin.id, jurisdictionId: admin.jurisdictionId, ip: clientIp(context), now: new Date() },
    { name: v.name, email: v.email, role: v.role, unitId: v.unitId ?? null, locale },
  )
  if (!result.ok) {
    const field = result.error === 'email_taken' ? 'email' : 'unitId'
    const message = await staffErrorMessage(db, t, admin.jurisdictionId, result.error)
    return data({ result: submission.reply({ fieldErrors: { [field]: [message] } }), invited: null }, { status: result.error === 'not_found' ? 404 : 400 })
  }
  return { result: submission.reply({ resetForm: true }), invited: v.email }
}

export default function StaffList() {
  const { staff, units, filters, jurisdictionName, timeZone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, locale } = useLocale()
  const s = t.staffAdmin
  const [form, fields] = useForm({
    id: 'form-invite',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseForm(formData, inviteSchema(t), t),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <h1>{s.heading}</h1>
      <p>{fill(s.intro, { jurisdiction: jurisdictionName })}</p>
      <Form method="get" className="filters">
        <SelectField id="filter-role" name="peran" label={s.filterRole} defaultValue={filters.role}>
          <option value="">{s.filterAll}</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {s.roles[r]}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-unit" name="unit" label={s.filterUnit} defaultValue={String(filters.unitId)}>
          <option value="">{s.filterAll}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="secondary">
          {s.filter}
        </button>
      </Form>
      <p role="status">{fill(s.count, { count: staff.length })}</p>
      {staff.length === 0 ? (
        <p className="notice">{s.empty}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={s.heading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{s.colName}</th>
                <th scope="col">{s.colEmail}</th>
                <th scope="col">{s.colRole}</th>
                <th scope="col">{s.colUnit}</th>
                <th scope="col">{s.colActive}</th>
                <th scope="col">{s.colLastLogin}</th>
                <th scope="col">{s.colLocked}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/admin/staf/${m.id}`}>{m.name}</Link>
                  </td>
                  <td>{m.email}</td>
                  <td>{s.roles[m.role]}</td>
                  <td>{m.unit_name ?? '–'}</td>
                  <td>{m.active ? s.active : s.inactive}</td>
                  <td>{m.last_login_at ? formatDateTime(m.last_login_at, locale, timeZone) : s.never}</td>
                  <td>{m.locked ? s.locked : s.notLocked}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{s.inviteHeading}</h2>
      {actionData?.invited ? (
        <p className="notice success" role="status">
          {fill(s.invited, { email: actionData.invited })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '28rem' }}>
        <ErrorList errors={form.errors} />
        <input type="hidden" name="intent" value="invite" />
        <TextField {...getInputProps(fields.name, { type: 'text' })} id={fields.name.id} label={s.name} errors={fields.name.errors} autoComplete="off" />
        <TextField {...getInputProps(fields.email, { type: 'email' })} id={fields.email.id} label={s.email} errors={fields.email.errors} autoComplete="off" />
        <SelectField {...getSelectProps(fields.role)} id={fields.role.id} label={s.role} errors={fields.role.errors}>
          <option value="">–</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {s.roles[r]}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(fields.unitId)} id={fields.unitId.id} label={s.unit} hint={s.unitHint} errors={fields.unitId.errors}>
          <option value="">{s.noUnit}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="primary">
          {s.invite}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
