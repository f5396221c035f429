// Admins: one staff account. Role and unit, deactivate / reactivate, a password-reset
// link, unlock. Each form sends an intent; an account of another jurisdiction is a 404.
import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, SelectField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ADMIN_ROLES } from '~/domain/roles'
import { STAFF_ROLES } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { getJurisdictionById, listActiveUnits } from '~/models/reference.server'
import { getStaffMember } from '~/models/staff-account.server'
import { sendPasswordReset, setStaffActive, setStaffRole, unlockStaff, type Actor } from '~/services/staff-accounts.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { clientIp } from '~/utils/rate-limit.server'
import { readRequestForm } from '~/utils/request-form.server'
import { staffErrorMessage } from '~/utils/staff-admin.server'

export { noStoreHeaders as headers } from '~/utils/headers'

function schema(t: Dictionary) {
  return z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('role'),
      role: z.enum(STAFF_ROLES, { error: t.staffAdmin.roleRequired }),
      unitId: z.coerce.number({ error: t.staffAdmin.unknownUnit }).int().min(1).max(2_147_483_647).optional(),
    }),
    z.object({ intent: z.literal('deactivate') }),
    z.object({ intent: z.literal('reactivate') }),
    z.object({ intent: z.literal('reset') }),
    z.object({ intent: z.literal('unlock') }),
  ])
}

function memberId(params: { id?: string }) {
  const id = Number(params.id)
  if (!/^\d{1,9}$/.test(params.id ?? '') || !Number.isSafeInteger(id) || id < 1) throw new Response('Not found', { status: 404 })
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const member = await getStaffMember(db, admin.jurisdictionId, memberId(params))
  if (!member) throw new Response('Not found', { status: 404 })
  const [units, jurisdiction] = await Promise.all([listActiveUnits(db, admin.jurisdictionId), getJurisdictionById(db, admin.jurisdictionId)])
  const lockedUntil = member.locked_until && new Date(member.locked_until).getTime() > Date.now() ? member.locked_until : null
  return { member: { ...member, locked_until: lockedUntil }, units, timeZone: jurisdiction?.time_zone ?? 'Asia/Jakarta' }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const admin = await requireStaff(request, ADMIN_ROLES)
  const userId = memberId(params)
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply(), done: null }, { status: 400 })
  const v = submission.value
  const db = await getDb()
  const actor: Actor = { id: admin.id, jurisdictionId: admin.jurisdictionId, ip: clientIp(context), now: new Date() }
  const result =
    v.intent === 'role'
      ? await setStaffRole(db, actor, userId, { role: v.role, unitId: v.unitId ?? null })
      : v.intent === 'deactivate' || v.intent === 'reactivate'
        ? await setStaffActive(db, actor, userId, v.intent === 'reactivate')
        : v.intent === 'reset'
          ? await sendPasswordReset(db, actor, userId, locale)
          : await unlockStaff(db, actor, userId)
  if (!result.ok) {
    if (result.error === 'not_found') throw new Response('Not found', { status: 404 })
    const message = await staffErrorMessage(db, t, admin.jurisdictionId, result.error)
    const reply =
      v.intent === 'role' && result.error !== 'last_admin' && result.error !== 'self' ? { fieldErrors: { unitId: [message] } } : { formErrors: [message] }
    return data({ result: submission.reply(reply), done: null }, { status: result.error === 'last_admin' || result.error === 'self' ? 409 : 400 })
  }
  return { result: submission.reply(), done: v.intent }
}

export default function StaffMember() {
  const { member, units, timeZone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, locale } = useLocale()
  const s = t.staffAdmin
  const [form, fields] = useForm({
    id: 'form-role',
    lastResult: actionData?.result,
    defaultValue: { role: member.role, unitId: member.unit_id ? String(member.unit_id) : '' },
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Record<'role' | 'unitId', Parameters<typeof getSelectProps>[0]>
  const done = actionData?.done
  const notice =
    done === 'role'
      ? s.saved
      : done === 'deactivate'
        ? s.deactivated
        : done === 'reactivate'
          ? s.reactivated
          : done === 'reset'
            ? fill(s.resetSent, { email: member.email })
            : done === 'unlock'
              ? s.unlocked
              : null
  return (
    <>
      <p>
        <Link to="/admin/staf">{s.back}</Link>
      </p>
      <h1>{fill(s.detailHeading, { name: member.name })}</h1>
      <p>
        {member.email} · {member.active ? s.active : s.inactive}
      </p>
      {notice ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      <div aria-live="assertive">
        {form.errors?.length ? (
          <div className="notice error">
            <ErrorList errors={form.errors} />
          </div>
        ) : null}
      </div>
      <h2>{s.roleHeading}</h2>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '28rem' }}>
        <input type="hidden" name="intent" value="role" />
        <SelectField {...getSelectProps(f.role)} id={f.role.id} label={s.role} errors={f.role.errors}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {s.roles[r]}
            </option>
          ))}
        </SelectField>
        <SelectField {...getSelectProps(f.unitId)} id={f.unitId.id} label={s.unit} hint={s.unitHint} errors={f.unitId.errors}>
          <option value="">{s.noUnit}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="primary">
          {s.save}
        </button>
      </Form>
      <h2>{s.statusHeading}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value={member.active ? 'deactivate' : 'reactivate'} />
        <button type="submit" className="secondary">
          {member.active ? s.deactivate : s.reactivate}
        </button>
      </Form>
      <h2>{s.resetHeading}</h2>
      <p>{s.resetIntro}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="reset" />
        <button type="submit" className="secondary" disabled={!member.active}>
          {s.reset}
        </button>
      </Form>
      <h2>{s.lockHeading}</h2>
      <p>{member.locked_until ? fill(s.lockedUntil, { time: formatDateTime(member.locked_until, locale, timeZone) }) : s.notLockedText}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="unlock" />
        <button type="submit" className="secondary">
          {s.unlock}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
