// An officer's own notification preference: new reports at once or in an hourly digest.
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { QUEUE_ROLES } from '~/domain/roles'
import { STAFF_NOTIFY_MODES } from '~/domain/vocabulary'
import { getNotifyMode, setNotifyMode } from '~/models/user.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

const schema = z.object({ intent: z.literal('notify_mode'), mode: z.enum(STAFF_NOTIFY_MODES) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, QUEUE_ROLES)
  return { mode: await getNotifyMode(await getDb(), user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, QUEUE_ROLES)
  const submission = parseWithZod(await readRequestForm(request), { schema })
  if (submission.status !== 'success') return data({ result: submission.reply(), saved: false }, { status: 400 })
  await setNotifyMode(await getDb(), user.id, submission.value.mode)
  return { result: submission.reply(), saved: true }
}

export default function NotificationPreference() {
  const { mode } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form] = useForm({ lastResult: actionData?.result })
  return (
    <>
      <h1>{t.notify.prefsHeading}</h1>
      {actionData?.saved ? (
        <p className="notice success" role="status">
          {t.notify.prefSaved}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="notify_mode" />
        <fieldset key={mode}>
          <legend>{t.notify.prefsIntro}</legend>
          <label>
            <input type="radio" name="mode" value="immediate" defaultChecked={mode === 'immediate'} /> {t.notify.prefImmediate}
          </label>
          <label>
            <input type="radio" name="mode" value="hourly_digest" defaultChecked={mode === 'hourly_digest'} /> {t.notify.prefDigest}
          </label>
        </fieldset>
        <button type="submit">{t.notify.prefSave}</button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
