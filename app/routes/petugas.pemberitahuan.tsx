// A staff member's own notification preferences: new reports at once or in an hourly
// digest, and the channels (email, WhatsApp with a number) every staff message goes to.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { checkPhone } from '~/domain/phone'
import { QUEUE_ROLES } from '~/domain/roles'
import { STAFF_NOTIFY_MODES } from '~/domain/vocabulary'
import { getDictionary, type Dictionary } from '~/i18n'
import { getNotifyChannels, getNotifyMode, setNotifyChannels, setNotifyMode } from '~/models/user.server'
import { isWhatsAppEnabled } from '~/notify/config.server'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { readRequestForm } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

function schema(t: Dictionary) {
  const checkbox = z.literal('on').optional()
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('notify_mode'), mode: z.enum(STAFF_NOTIFY_MODES, { error: t.validation.invalidValue }) }),
    z
      .object({
        intent: z.literal('channels'),
        email: checkbox,
        whatsapp: checkbox,
        phone: z.string().trim().max(30, t.officer.whatsappPhoneInvalid).optional(),
      })
      .superRefine((v, ctx) => {
        if (v.phone && !indonesianMobile(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: t.officer.whatsappPhoneInvalid })
        else if (v.whatsapp && !v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: t.officer.whatsappPhoneRequired })
      }),
  ])
}

/** The stored form (+62…, what migration 0011 accepts), or null. */
function indonesianMobile(input: string) {
  const phone = checkPhone(input)
  return phone.ok && /^\+62[0-9]{8,13}$/.test(phone.e164) ? phone.e164 : null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, QUEUE_ROLES)
  const db = await getDb()
  const [mode, channels] = await Promise.all([getNotifyMode(db, user.id), getNotifyChannels(db, user.id)])
  return { mode, channels, whatsappEnabled: isWhatsAppEnabled() }
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, QUEUE_ROLES)
  const t = getDictionary(await getLocale(request))
  const submission = parseForm(await readRequestForm(request), schema(t), t)
  const intent = submission.payload.intent
  if (submission.status !== 'success') return data({ intent, result: submission.reply(), saved: false }, { status: 400 })
  const v = submission.value
  const db = await getDb()
  if (v.intent === 'notify_mode') await setNotifyMode(db, user.id, v.mode)
  else {
    await setNotifyChannels(db, user.id, { email: v.email === 'on', whatsapp: v.whatsapp === 'on', phone: v.phone ? indonesianMobile(v.phone) : null })
  }
  return { intent, result: submission.reply(), saved: true }
}

export default function NotificationPreference() {
  const { mode, channels, whatsappEnabled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const [form] = useForm({ id: 'notify-mode', lastResult: actionData?.intent === 'notify_mode' ? actionData.result : undefined })
  const [channelForm, fields] = useForm({
    id: 'notify-channels',
    lastResult: actionData?.intent === 'channels' ? actionData.result : undefined,
    defaultValue: { phone: channels.whatsapp_phone ?? '' },
  })
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
      <h2>{t.officer.channelsHeading}</h2>
      <Form method="post" {...getFormProps(channelForm)} noValidate>
        <ErrorList errors={channelForm.errors} />
        <input type="hidden" name="intent" value="channels" />
        <fieldset key={`${channels.notify_email}-${channels.notify_whatsapp}`}>
          <legend>{t.officer.channelsHeading}</legend>
          <label>
            <input type="checkbox" name="email" defaultChecked={channels.notify_email} /> {t.officer.channelEmail}
          </label>
          <label>
            <input type="checkbox" name="whatsapp" defaultChecked={channels.notify_whatsapp} /> {t.officer.channelWhatsapp}
          </label>
        </fieldset>
        <TextField
          {...getInputProps(fields.phone, { type: 'tel' })}
          id={fields.phone.id}
          label={t.officer.whatsappPhone}
          hint={whatsappEnabled ? t.officer.whatsappPhoneHint : `${t.officer.whatsappPhoneHint} ${t.officer.whatsappOff}`}
          errors={fields.phone.errors}
          autoComplete="tel"
        />
        <button type="submit">{t.officer.channelsSave}</button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
