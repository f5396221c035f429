// Filing by WhatsApp (issue 8 §6): the whole conversation driven through the signed
// webhook, the Cloud API (replies, the Media API) mocked with msw. A report is filed
// with source 'whatsapp', the number as its private contact and the photo re-encoded;
// the code and private link go back through the outbox; redeliveries change nothing.
import { createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WHATSAPP_API_URL, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN, whatsapp, whatsappHandlers } from '../mocks/whatsapp'
import { countReports } from '../support/routes'

const APP_SECRET = 'test-app-secret-123'
const VERIFY_TOKEN = 'verify-me-please'
process.env.WHATSAPP_API_URL = WHATSAPP_API_URL
process.env.WHATSAPP_PHONE_NUMBER_ID = WHATSAPP_PHONE_NUMBER_ID
process.env.WHATSAPP_TOKEN = WHATSAPP_TOKEN
process.env.WHATSAPP_APP_SECRET = APP_SECRET
process.env.WHATSAPP_VERIFY_TOKEN = VERIFY_TOKEN

const { action, loader } = await import('~/routes/webhooks.whatsapp')
const { useDatabaseForTests } = await import('~/utils/db.server')
const { createTestDatabase } = await import('../setup/test-db')
const { deliverNotification } = await import('~/notify/deliver.server')
const { cloudApiGateway, gatewayChannel } = await import('~/notify/whatsapp.server')

const msw = setupServer(...whatsappHandlers)
let t: Awaited<ReturnType<typeof createTestDatabase>>
const uploadDir = process.env.UPLOAD_DIR!

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' })
  t = await createTestDatabase()
  useDatabaseForTests(t)
})
afterEach(() => whatsapp.reset())
afterAll(async () => {
  msw.close()
  await t?.close()
})

let sequence = 0
type Body = Record<string, unknown>
function payload(from: string, message: Body, id = `wamid.IN${++sequence}`) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: WHATSAPP_PHONE_NUMBER_ID },
              messages: [{ from, id, timestamp: '1', ...message }],
            },
          },
        ],
      },
    ],
  }
}
const textMessage = (body: string): Body => ({ type: 'text', text: { body } })

function signed(body: unknown, secret = APP_SECRET) {
  const raw = JSON.stringify(body)
  const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`
  return new Request('http://localhost/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body: raw,
  })
}
async function send(from: string, message: Body, id?: string) {
  const response = (await action({ request: signed(payload(from, message, id)), params: {}, context: {} })) as Response
  expect(response.status).toBe(200)
  return whatsapp.texts.at(-1)?.body ?? ''
}

describe('the webhook handshake and signature', () => {
  it('answers the verification challenge only with the right token', async () => {
    const get = (token: string) =>
      loader({
        request: new Request(`http://localhost/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`),
        params: {},
        context: {},
      })
    const ok = get(VERIFY_TOKEN)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('1158201444')
    expect(get('wrong-token-000').status).toBe(403)
  })

  it('refuses an unsigned or wrongly signed POST and does nothing', async () => {
    const before = await countReports(t.db)
    const forged = (await action({ request: signed(payload('6281234500001', textMessage('halo')), 'another-secret'), params: {}, context: {} })) as Response
    expect(forged.status).toBe(401)
    const unsigned = new Request('http://localhost/webhooks/whatsapp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(((await action({ request: unsigned, params: {}, context: {} })) as Response).status).toBe(401)
    expect(whatsapp.texts).toHaveLength(0)
    expect(await t.db.selectFrom('whatsapp_conversations').selectAll().execute()).toHaveLength(0)
    expect(await countReports(t.db)).toBe(before)
  })

  it('answers 400 to malformed JSON and 200 to payloads without messages (status callbacks)', async () => {
    const raw = '{"entry":'
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`
    const bad = new Request('http://localhost/webhooks/whatsapp', { method: 'POST', headers: { 'x-hub-signature-256': signature }, body: raw })
    expect(((await action({ request: bad, params: {}, context: {} })) as Response).status).toBe(400)
    const statuses = { entry: [{ changes: [{ value: { statuses: [{ id: 'wamid.X', status: 'delivered' }] } }] }] }
    expect(((await action({ request: signed(statuses), params: {}, context: {} })) as Response).status).toBe(200)
  })
})

describe('a conversation files a report', () => {
  it('category → description → shared location → photo → ya: files it with the photo re-encoded, and the private link follows', async () => {
    const phone = '6281234567001'
    const welcome = await send(phone, textMessage('Halo'))
    expect(welcome).toContain('Kota Malang')
    expect(welcome).toMatch(/1\. .+\n2\. /)
    const categories = await t.db
      .selectFrom('categories')
      .innerJoin('jurisdictions', 'jurisdictions.id', 'categories.jurisdiction_id')
      .select(['categories.id', 'categories.code', 'categories.name_id'])
      .where('jurisdictions.slug', '=', 'kota-malang')
      .where('categories.active', '=', true)
      .orderBy('categories.sort_order')
      .execute()
    const pju = categories.findIndex((c) => c.code === 'pju') + 1
    expect(await send(phone, textMessage(String(pju)))).toContain(categories[pju - 1]!.name_id)
    expect(await send(phone, textMessage('Lampu PJU depan SD mati sejak Senin malam'))).toMatch(/lokasi/i)
    // The centre of a real kelurahan: the kelurahan is found from the shared location.
    const area = await t.db
      .selectFrom('areas')
      .select(['id', 'name', 'centroid_lat', 'centroid_lng'])
      .where('name', '=', 'Purwantoro')
      .where('level', '=', 'kelurahan')
      .executeTakeFirstOrThrow()
    const located = await send(phone, { type: 'location', location: { latitude: area.centroid_lat, longitude: area.centroid_lng } })
    expect(located).toContain('Kelurahan Purwantoro')
    const jpeg = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 90, g: 90, b: 200 } } })
      .withExif({ IFD0: { Make: 'SecretPhone' } })
      .jpeg()
      .toBuffer()
    whatsapp.addMedia('media-1', new Uint8Array(jpeg))
    const summary = await send(phone, { type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg' } })
    expect(summary).toContain('Foto: ada')
    expect(summary).toContain('Lampu PJU depan SD')

    const before = await countReports(t.db)
    const filed = await send(phone, textMessage('ya'))
    expect(await countReports(t.db)).toBe(before + 1)
    const report = await t.db
      .selectFrom('reports')
      .innerJoin('report_contacts', 'report_contacts.report_id', 'reports.id')
      .select(['reports.id', 'reports.code', 'reports.source', 'reports.privacy', 'reports.lat', 'reports.area_id', 'report_contacts.phone'])
      .orderBy('reports.id', 'desc')
      .executeTakeFirstOrThrow()
    expect(report).toMatchObject({ source: 'whatsapp', privacy: 'public', phone: '+6281234567001', lat: area.centroid_lat, area_id: area.id })
    expect(filed).toContain(report.code)
    const photo = await t.db.selectFrom('attachments').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow()
    expect(photo).toMatchObject({ content_type: 'image/jpeg', width: 1600, height: 1200 })
    const stored = await sharp(join(uploadDir, photo.storage_key)).metadata()
    expect(stored.exif).toBeUndefined()
    expect(await t.db.selectFrom('whatsapp_conversations').selectAll().where('phone', '=', '+6281234567001').execute()).toHaveLength(0)

    // The code and the private link reach the number through the outbox, like any reporter's.
    const outbox = await t.db
      .selectFrom('notification_outbox')
      .select(['id', 'channel', 'recipient', 'template'])
      .where('report_id', '=', report.id)
      .where('user_id', 'is', null)
      .execute()
    expect(outbox).toEqual([expect.objectContaining({ channel: 'whatsapp', recipient: '+6281234567001', template: 'report_received' })])
    const channel = gatewayChannel(cloudApiGateway({ apiUrl: WHATSAPP_API_URL, phoneNumberId: WHATSAPP_PHONE_NUMBER_ID, token: WHATSAPP_TOKEN }))
    expect(await deliverNotification(t.db, outbox[0]!.id, { channels: { whatsapp: channel }, now: () => new Date(), baseUrl: 'https://lapor.test' })).toBe(
      'sent',
    )
    const template = whatsapp.sent.at(-1)!
    expect(template.to).toBe('6281234567001')
    expect(template.params.join('\n')).toContain(report.code)
    expect(template.params.join('\n')).toMatch(/https:\/\/lapor\.test\/laporan\/[A-Z]+-\w+\?t=/)
  })

  it('names the kelurahan in words, skips the photo, keeps it confidential on request', async () => {
    const phone = '6281234567002'
    await send(phone, textMessage('halo'))
    await send(phone, textMessage('1'))
    await send(phone, textMessage('Ada masalah serius di gang kami, mohon dicek'))
    expect(await send(phone, textMessage('kel. purwantoro'))).toContain('Purwantoro')
    expect(await send(phone, textMessage('lewati'))).toContain('Foto: tidak ada')
    expect(await send(phone, textMessage('rahasia'))).toContain('rahasia (hanya petugas yang melihat)')
    await send(phone, textMessage('ya'))
    const report = await t.db.selectFrom('reports').select(['privacy', 'lat', 'source']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(report).toEqual({ privacy: 'confidential', lat: null, source: 'whatsapp' })
  })

  it('a redelivered message changes nothing: the "ya" files once', async () => {
    const phone = '6281234567003'
    await send(phone, textMessage('halo'))
    await send(phone, textMessage('1'))
    await send(phone, textMessage('Lampu mati di ujung jalan sejak kemarin'))
    await send(phone, textMessage('Purwantoro'))
    await send(phone, textMessage('lewati'))
    const before = await countReports(t.db)
    await send(phone, textMessage('ya'), 'wamid.SAME')
    const repliesAfterFirst = whatsapp.texts.length
    await send(phone, textMessage('ya'), 'wamid.SAME')
    expect(await countReports(t.db)).toBe(before + 1)
    expect(whatsapp.texts).toHaveLength(repliesAfterFirst)
  })

  it('"batal" cancels, and a location outside the city is refused with a clear message', async () => {
    const phone = '6281234567004'
    await send(phone, textMessage('halo'))
    await send(phone, textMessage('1'))
    await send(phone, textMessage('Lampu mati di ujung jalan sejak kemarin'))
    expect(await send(phone, { type: 'location', location: { latitude: -6.2, longitude: 106.8 } })).toMatch(/di luar wilayah Kota Malang/)
    expect(await send(phone, textMessage('Batal'))).toMatch(/dibatalkan/)
    expect(await t.db.selectFrom('whatsapp_conversations').selectAll().where('phone', '=', '+6281234567004').execute()).toHaveLength(0)
  })

  it('a photo that is no image is refused and the question repeats; its bytes are not kept', async () => {
    const phone = '6281234567005'
    await send(phone, textMessage('halo'))
    await send(phone, textMessage('1'))
    await send(phone, textMessage('Lampu mati di ujung jalan sejak kemarin'))
    await send(phone, textMessage('Purwantoro'))
    whatsapp.addMedia('media-bad', new Uint8Array(Buffer.from('not a picture at all')), 'image/jpeg')
    expect(await send(phone, { type: 'image', image: { id: 'media-bad' } })).toMatch(/tidak dapat dibaca/)
    const row = await t.db.selectFrom('whatsapp_conversations').select(['step', 'photo']).where('phone', '=', '+6281234567005').executeTakeFirstOrThrow()
    expect(row).toEqual({ step: 'photo', photo: null })
  })

  it('cancelling after a photo deletes the stored file', async () => {
    const phone = '6281234567006'
    await send(phone, textMessage('halo'))
    await send(phone, textMessage('1'))
    await send(phone, textMessage('Lampu mati di ujung jalan sejak kemarin'))
    await send(phone, textMessage('Purwantoro'))
    whatsapp.addMedia(
      'media-2',
      new Uint8Array(
        await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
          .jpeg()
          .toBuffer(),
      ),
    )
    await send(phone, { type: 'image', image: { id: 'media-2' } })
    const row = await t.db.selectFrom('whatsapp_conversations').select('photo').where('phone', '=', '+6281234567006').executeTakeFirstOrThrow()
    const file = join(uploadDir, row.photo!.storageKey)
    expect(existsSync(file)).toBe(true)
    await send(phone, textMessage('batal'))
    expect(existsSync(file)).toBe(false)
  })
})

describe('the hourly clean-up', () => {
  it('forgets conversations idle for 30 minutes (and their photo files) and handled ids older than a week, nothing live', async () => {
    const { cleanupJob } = await import('~/jobs/cleanup')
    const now = new Date()
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000)
    const jurisdictionId = (await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()).id
    whatsapp.addMedia(
      'media-old',
      new Uint8Array(
        await sharp({ create: { width: 32, height: 32, channels: 3, background: '#444' } })
          .jpeg()
          .toBuffer(),
      ),
    )
    await send('6281234567010', textMessage('halo'))
    await send('6281234567010', textMessage('1'))
    await send('6281234567010', textMessage('Lampu mati di ujung jalan sejak kemarin'))
    await send('6281234567010', textMessage('Purwantoro'))
    await send('6281234567010', { type: 'image', image: { id: 'media-old' } })
    const stale = await t.db.selectFrom('whatsapp_conversations').select('photo').where('phone', '=', '+6281234567010').executeTakeFirstOrThrow()
    await t.db
      .updateTable('whatsapp_conversations')
      .set({ updated_at: minutesAgo(31) })
      .where('phone', '=', '+6281234567010')
      .execute()
    await t.db
      .insertInto('whatsapp_conversations')
      .values({ phone: '+6281234567011', jurisdiction_id: jurisdictionId, step: 'description', started_at: minutesAgo(29), updated_at: minutesAgo(29) })
      .execute()
    await t.db
      .insertInto('whatsapp_inbound')
      .values([
        { message_id: 'wamid.OLD', received_at: minutesAgo(8 * 24 * 60) },
        { message_id: 'wamid.RECENT', received_at: minutesAgo(6 * 24 * 60) },
      ])
      .execute()
    await cleanupJob.handler({}, { db: t.db, now: () => now, log: () => {} } as never)
    const phones = (await t.db.selectFrom('whatsapp_conversations').select('phone').execute()).map((r) => r.phone)
    expect(phones).toContain('+6281234567011')
    expect(phones).not.toContain('+6281234567010')
    expect(existsSync(join(uploadDir, stale.photo!.storageKey))).toBe(false)
    const ids = (await t.db.selectFrom('whatsapp_inbound').select('message_id').where('message_id', 'in', ['wamid.OLD', 'wamid.RECENT']).execute()).map(
      (r) => r.message_id,
    )
    expect(ids).toEqual(['wamid.RECENT'])
  })
})
