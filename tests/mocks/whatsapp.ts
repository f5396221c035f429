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

const state = { sent: [] as SentTemplate[], failures: [] as number[], counter: 0 }

export const whatsapp = {
  get sent() {
    return state.sent
  },
  failNext(status: number, times = 1) {
    for (let i = 0; i < times; i++) state.failures.push(status)
  },
  reset() {
    state.sent = []
    state.failures = []
  },
}

interface TemplateRequest {
  to: string
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
]
