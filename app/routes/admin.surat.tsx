// Admins: the demo mail outbox (the .eml files written without SMTP_URL), so a demo shows
// what citizens get. Only messages of the admin's jurisdiction; addresses masked and link
// tokens blanked (a private link would open a confidential report as its reporter).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { maskRecipient, redactLinkTokens } from '~/domain/notifications'
import { outboxIdsInJurisdiction } from '~/models/notification.server'
import { mailDirectory } from '~/notify/channels.server'
import { listMailIds, readMail } from '~/notify/mailbox.server'
import { ADMIN_ROLES } from '~/domain/roles'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

const SHOWN = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const dir = mailDirectory()
  const ids = await listMailIds(dir, 500)
  const allowed = await outboxIdsInJurisdiction(await getDb(), ids, user.jurisdictionId)
  const mails = []
  for (const id of ids.filter((i) => allowed.has(i)).slice(0, SHOWN)) {
    const mail = await readMail(dir, id)
    if (mail) mails.push({ ...mail, to: maskRecipient(mail.to), text: redactLinkTokens(mail.text) })
  }
  return { mails, smtp: Boolean(getEnv().SMTP_URL) }
}

export default function MailOutbox() {
  const { mails, smtp } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  return (
    <>
      <h1>{t.notify.mailHeading}</h1>
      <p>{t.notify.mailIntro}</p>
      {smtp ? <p className="notice">{t.notify.mailSmtp}</p> : null}
      {mails.length === 0 ? <p className="notice">{t.notify.mailEmpty}</p> : null}
      {mails.map((m) => (
        <article key={m.outboxId} className="mail">
          <h2>{m.subject}</h2>
          <dl>
            <dt>{t.notify.colTo}</dt>
            <dd>{m.to}</dd>
            <dt>{t.notify.colDate}</dt>
            <dd>{m.date}</dd>
          </dl>
          <pre>{m.text}</pre>
        </article>
      ))}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
