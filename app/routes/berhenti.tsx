// One-click unsubscribe from the link in every citizen email: the signed token names the
// address; opening the link records the opt-out (stored only as a hash of the address).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { maskRecipient } from '~/domain/notifications'
import { fill } from '~/i18n'
import { optOut } from '~/models/notification.server'
import { readUnsubscribeToken } from '~/notify/keys.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('t') ?? ''
  const target = token.length <= 600 ? readUnsubscribeToken(token) : null
  if (!target) return { address: null }
  await optOut(await getDb(), target.channel, target.recipient, new Date())
  return { address: maskRecipient(target.recipient) }
}

export default function Unsubscribe() {
  const { address } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  return (
    <>
      <h1>{t.notify.unsubscribedHeading}</h1>
      <p className={address ? 'notice success' : 'notice'} role="status">
        {address ? fill(t.notify.unsubscribed, { address }) : t.notify.unsubscribeInvalid}
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
