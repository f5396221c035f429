// The WhatsApp Business Cloud API, mocked with msw: the one handler file for tests.
// `whatsapp.failNext(status, n)` makes the next n sends answer with that status.
import { http, HttpResponse } from 'msw'

export const WHATSAPP_API_URL = 'https://graph.whatsapp.test/v21.0'
export const WHATSAPP_PHONE_NUMBER_ID = '1234567890'
export const WHATSAPP_TOKEN = 'test-whatsapp-token'

export interface SentTemplate {
  to: string
  name: string
  language: string
  params: string[]
  authorization: string | null
}

export interface SentText {
  to: string
  body: string
}

/** Where the mocked Media API says a file is (the second download step). */
export const WHATSAPP_MEDIA_HOST = 'https://media.whatsapp.test'

const state = {
  sent: [] as SentTemplate[],
  texts: [] as SentText[],
  media: new Map<string, { bytes: Uint8Array<ArrayBuffer>; mimeType: string }>(),
  failures: [] as number[],
  counter: 0,
}

export const whatsapp = {
  get sent() {
    return state.sent
  },
  /** Free-text replies (the WhatsApp filing conversation). */
  get texts() {
    return state.texts
  },
  /** Makes a photo downloadable through the Media API under this media id. */
  addMedia(id: string, bytes: Uint8Array<ArrayBuffer>, mimeType = 'image/jpeg') {
    state.media.set(id, { bytes, mimeType })
  },
  failNext(status: number, times = 1) {
    for (let i = 0; i < times; i++) state.failures.push(status)
  },
  reset() {
    state.sent = []
    state.texts = []
    state.media.clear()
    state.failures = []
  },
}

interface TemplateRequest {
  to: string
  type?: string
  text?: { body: string }
  template: { name: string; language: { code: string }; components: { parameters: { text: string }[] }[] }
}

export const whatsappHandlers = [
  http.post(`${WHATSAPP_API_URL}/:phoneNumberId/messages`, async ({ request, params }) => {
    if (params.phoneNumberId !== WHATSAPP_PHONE_NUMBER_ID) return HttpResponse.json({ error: { message: 'Unknown phone number id' } }, { status: 404 })
    if (request.headers.get('authorization') !== `Bearer ${WHATSAPP_TOKEN}`) {
      return HttpResponse.json({ error: { message: 'Invalid OAuth access token' } }, { status: 401 })
    }
    const failure = state.failures.shift()
    if (failure) return HttpResponse.json({ error: { message: `Simulated ${failure}` } }, { status: failure })
    const body = (await request.json()) as TemplateRequest
    if (body.type === 'text') {
      state.texts.push({ to: body.to, body: body.text?.body ?? '' })
      return HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.TEXT${++state.counter}` }] })
    }
    state.sent.push({
      to: body.to,
      name: body.template.name,
      language: body.template.language.code,
      params: body.template.components[0]?.parameters.map((p) => p.text) ?? [],
      authorization: request.headers.get('authorization'),
    })
    return HttpResponse.json({
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: `wamid.TEST${++state.counter}` }],
    })
  }),
  // The Media API: the id gives a URL, the URL (with the same bearer token) gives the bytes.
  http.get(`${WHATSAPP_API_URL}/:mediaId`, ({ request, params }) => {
    if (request.headers.get('authorization') !== `Bearer ${WHATSAPP_TOKEN}`)
      return HttpResponse.json({ error: { message: 'Invalid OAuth access token' } }, { status: 401 })
    const media = state.media.get(String(params.mediaId))
    if (!media) return HttpResponse.json({ error: { message: 'Unknown media' } }, { status: 404 })
    return HttpResponse.json({ url: `${WHATSAPP_MEDIA_HOST}/${String(params.mediaId)}`, mime_type: media.mimeType, file_size: media.bytes.byteLength })
  }),
  http.get(`${WHATSAPP_MEDIA_HOST}/:mediaId`, ({ request, params }) => {
    if (request.headers.get('authorization') !== `Bearer ${WHATSAPP_TOKEN}`) return new HttpResponse(null, { status: 401 })
    const media = state.media.get(String(params.mediaId))
    return media ? new HttpResponse(media.bytes, { headers: { 'content-type': media.mimeType } }) : new HttpResponse(null, { status: 404 })
  }),
]
