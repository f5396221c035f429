// Admins: Open311 API keys of the jurisdiction. A new key is shown once, in the answer
// to the form that made it; only its hash is stored. Create and revoke are audited.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ADMIN_ROLES } from '~/domain/roles'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import { createApiKey, listApiKeys, revokeApiKey } from '~/models/api-key.server'
import { recordAudit } from '~/models/audit.server'
import { getJurisdictionById } from '~/models/reference.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { clientIp } from '~/utils/rate-limit.server'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

function schema(t: Dictionary) {
  return z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('create'),
      name: z.string({ error: t.apiKeys.nameRequired }).trim().min(1, t.apiKeys.nameRequired).max(120, t.apiKeys.nameTooLong),
    }),
    z.object({ intent: z.literal('revoke'), id: z.coerce.number().int().min(1).max(2_147_483_647) }),
  ])
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const [keys, jurisdiction] = await Promise.all([listApiKeys(db, admin.jurisdictionId), getJurisdictionById(db, admin.jurisdictionId)])
  return { keys, timeZone: jurisdiction?.time_zone ?? 'Asia/Jakarta' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const admin = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  if (submission.status !== 'success') return data({ result: submission.reply(), created: null, revoked: null }, { status: 400 })
  const v = submission.value
  const now = new Date()
  const audit = { jurisdictionId: admin.jurisdictionId, actorUserId: admin.id, entity: 'api_key' as const, ip: clientIp(context), now }
  const db = await getDb()
  if (v.intent === 'create') {
    const created = await db.transaction().execute(async (trx) => {
      const key = await createApiKey(trx, { jurisdictionId: admin.jurisdictionId, name: v.name, createdByUserId: admin.id })
      await recordAudit(trx, { ...audit, kind: 'key_created', entityId: key.id, subject: v.name, after: { name: v.name, prefix: key.prefix } })
      return key
    })
    return { result: submission.reply({ resetForm: true }), created: { name: v.name, key: created.key }, revoked: null }
  }
  const revoked = await db.transaction().execute(async (trx) => {
    const done = await revokeApiKey(trx, { jurisdictionId: admin.jurisdictionId, id: v.id, now })
    if (done) await recordAudit(trx, { ...audit, kind: 'key_revoked', entityId: v.id, before: { revoked_at: null }, after: { revoked_at: now } })
    return done
  })
  if (!revoked) return data({ result: submission.reply({ formErrors: [t.apiKeys.revokeGone] }), created: null, revoked: null }, { status: 404 })
  return { result: submission.reply(), created: null, revoked: v.id }
}

export default function ApiKeys() {
  const { keys, timeZone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, locale } = useLocale()
  const k = t.apiKeys
  const [form, fields] = useForm({
    id: 'form-api-key',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseForm(formData, schema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Record<'name', Parameters<typeof getInputProps>[0]>
  return (
    <>
      <h1>{k.heading}</h1>
      <p>{k.intro}</p>
      {actionData?.created ? (
        <section className="notice success" role="status">
          <h2>{fill(k.createdHeading, { name: actionData.created.name })}</h2>
          <p>{k.createdNote}</p>
          <p>
            <code>{actionData.created.key}</code>
          </p>
        </section>
      ) : null}
      {actionData?.revoked ? (
        <p className="notice success" role="status">
          {k.revoked}
        </p>
      ) : null}
      <div aria-live="assertive">
        {form.errors?.length ? (
          <div className="notice error">
            <ErrorList errors={form.errors} />
          </div>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '28rem' }}>
        <input type="hidden" name="intent" value="create" />
        <TextField {...getInputProps(f.name, { type: 'text' })} id={f.name.id} label={k.name} hint={k.nameHint} errors={f.name.errors} autoComplete="off" />
        <button type="submit" className="primary">
          {k.create}
        </button>
      </Form>
      {keys.length === 0 ? (
        <p className="notice">{k.empty}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={k.heading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{k.colName}</th>
                <th scope="col">{k.colPrefix}</th>
                <th scope="col">{k.colCreated}</th>
                <th scope="col">{k.colLastUsed}</th>
                <th scope="col">{k.colRevoked}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.key_prefix}…</code>
                  </td>
                  <td>{formatDateTime(key.created_at, locale, timeZone)}</td>
                  <td>{key.last_used_at ? formatDateTime(key.last_used_at, locale, timeZone) : k.never}</td>
                  <td>
                    {key.revoked_at ? (
                      formatDateTime(key.revoked_at, locale, timeZone)
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={key.id} />
                        <button type="submit" className="secondary" aria-label={`${k.revoke}: ${key.name}`}>
                          {k.revoke}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
