// WhatsApp through a messaging gateway. The adapter interface is the seam for an
// Indonesian gateway (or SMS over a similar HTTP API); the Business Cloud API is the
// one implemented: POST {api}/{phone-number-id}/messages with a template message.
import { DeliveryError, type Channel, type OutgoingMessage } from './channel'

export interface MessagingGateway {
  sendTemplate(to: string, template: { name: string; language: string; params: string[] }, idempotencyKey: string): Promise<{ providerMessageId: string }>
}

export interface CloudApiOptions {
  apiUrl: string
  phoneNumberId: string
  token: string
  timeoutMs?: number
}

export function cloudApiGateway(options: CloudApiOptions): MessagingGateway {
  const endpoint = `${options.apiUrl.replace(/\/+$/, '')}/${options.phoneNumberId}/messages`
  return {
    async sendTemplate(to, template) {
      let response: Response
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: to.replace(/^\+/, ''),
            type: 'template',
            template: {
              name: template.name,
              language: { code: template.language },
              components: [{ type: 'body', parameters: template.params.map((text) => ({ type: 'text', text })) }],
            },
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        })
      } catch (error) {
        throw new DeliveryError(`WhatsApp request failed: ${(error as Error).message}`, false)
      }
      const body = (await response.json().catch(() => null)) as { messages?: { id?: string }[]; error?: { message?: string } } | null
      if (!response.ok) {
        // Rate limited or the gateway's own trouble: try again later. Other 4xx: the request is wrong.
        const transient = response.status === 429 || response.status >= 500
        throw new DeliveryError(`WhatsApp ${response.status}: ${body?.error?.message ?? response.statusText}`, !transient)
      }
      const id = body?.messages?.[0]?.id
      if (!id) throw new DeliveryError('WhatsApp answered without a message id', false)
      return { providerMessageId: id }
    },
  }
}

export function gatewayChannel(gateway: MessagingGateway): Channel {
  return {
    async send({ to, messageId, message }: OutgoingMessage) {
      return gateway.sendTemplate(to, message.whatsapp, messageId)
    },
  }
}
