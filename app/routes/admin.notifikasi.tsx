// Admins: deliveries that failed for good, with a retry button each (intent "retry").
// Recipients are masked: contact details are not for staff pages.
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { maskRecipient, redactLinkTokens } from '~/domain/notifications'
import { ADMIN_ROLES } from '~/domain/roles'
import { fill } from '~/i18n'
import { listFailedNotifications, retryNotification } from '~/models/notification.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

const schema = z.object({ intent: z.literal('retry'), id: z.number().int().min(1).max(2_147_483_647) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const rows = await listFailedNotifications(await getDb(), user.jurisdictionId)
  return {
    failed: rows.map((r) => ({
      id: r.id,
      code: r.code,
      channel: r.channel,
      template: r.template,
      attempts: r.attempts,
      createdAt: r.created_at,
      recipient: maskRecipient(r.recipient),
      lastError: redactLinkTokens(r.last_error ?? ''),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, ADMIN_ROLES)
  const submission = parseWithZod(await readRequestForm(request), { schema })
  if (submission.status !== 'success') return data({ retried: null, gone: true }, { status: 400 })
  const db = await getDb()
  const id = submission.value.id
  const retried = await db.transaction().execute((trx) => retryNotification(trx, id, new Date(), user.jurisdictionId))
  return retried ? { retried: id, gone: false } : data({ retried: null, gone: true }, { status: 409 })
}

export default function FailedNotifications() {
  const { failed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, locale, timeZone } = useLocale()
  return (
    <>
      <h1>{t.notify.failedHeading}</h1>
      <p>{t.notify.failedIntro}</p>
      {result?.retried ? (
        <p className="notice success" role="status">
          {fill(t.notify.retried, { id: result.retried })}
        </p>
      ) : null}
      {result?.gone ? (
        <p className="notice" role="alert">
          {t.notify.retryGone}
        </p>
      ) : null}
      {failed.length === 0 ? (
        <p className="notice success">{t.notify.failedEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.notify.colReport}</th>
                <th scope="col">{t.notify.colChannel}</th>
                <th scope="col">{t.notify.colTo}</th>
                <th scope="col">{t.notify.colTemplate}</th>
                <th scope="col">{t.notify.colAttempts}</th>
                <th scope="col">{t.notify.colError}</th>
                <th scope="col">{t.notify.colDate}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.notify.retry}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.map((f) => (
                <tr key={f.id}>
                  <td>{f.id}</td>
                  <td>{f.code ?? '—'}</td>
                  <td>{f.channel}</td>
                  <td>{f.recipient}</td>
                  <td>{f.template}</td>
                  <td>{f.attempts}</td>
                  <td>{f.lastError}</td>
                  <td>{formatDateTime(new Date(f.createdAt), locale, timeZone)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={f.id} />
                      <button type="submit">{t.notify.retry}</button>
                    </Form>
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
