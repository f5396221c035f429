// The small interface every channel implements (email, WhatsApp, later an Indonesian
// gateway or SMS). A channel sends one rendered message or throws a DeliveryError
// saying whether trying again could help.
import type { NotificationChannel } from '~/domain/vocabulary'
import type { RenderedMessage } from './templates'

export interface OutgoingMessage {
  outboxId: number
  to: string
  /** Stable per outbox row: the email Message-ID and the gateway's idempotency key. */
  messageId: string
  message: RenderedMessage
}

export interface Channel {
  send(outgoing: OutgoingMessage): Promise<{ providerMessageId: string | null }>
  /** Releases pooled connections (at shutdown). */
  close?(): void
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** True when another attempt cannot succeed (bad address, rejected template). */
    readonly permanent: boolean,
  ) {
    super(message)
  }
}

export type Channels = Partial<Record<NotificationChannel, Channel>>
