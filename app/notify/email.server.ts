// Email through nodemailer: SMTP when SMTP_URL is set, otherwise each message is written
// as an .eml file under <DATA_DIR>/mail (the demo install; admins read it at /admin/surat).
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { DeliveryError, type Channel, type OutgoingMessage } from './channel'

export interface EmailOptions {
  smtpUrl?: string | undefined
  from: string
  mailDir: string
  /** Connection, greeting and socket timeouts (a hung server is a transient failure). */
  timeoutMs?: number
  /** Keep up to this many SMTP connections open and reuse them (default: one connection per message). */
  poolSize?: number
}

export function mailFileName(outboxId: number) {
  return `outbox-${String(outboxId).padStart(9, '0')}.eml`
}

export function createEmailChannel(options: EmailOptions): Channel {
  const timeout = options.timeoutMs ?? 30_000
  const transport = options.smtpUrl
    ? nodemailer.createTransport({
        url: options.smtpUrl,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        ...(options.poolSize ? { pool: true, maxConnections: options.poolSize } : {}),
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

  return {
    async send({ outboxId, to, messageId, message }: OutgoingMessage) {
      const mail = { from: options.from, to, subject: message.subject, text: message.text, html: message.html, messageId }
      let info: { messageId?: string; message?: unknown }
      try {
        info = await transport.sendMail(mail)
      } catch (error) {
        throw classify(error)
      }
      if (!options.smtpUrl) {
        await mkdir(options.mailDir, { recursive: true })
        // Written whole then renamed, so a reader never sees half a message.
        const file = join(options.mailDir, mailFileName(outboxId))
        await writeFile(`${file}.tmp`, info.message as Buffer)
        await rename(`${file}.tmp`, file)
      }
      return { providerMessageId: info.messageId ?? messageId }
    },
    close: () => transport.close(),
  }
}

/** SMTP 4xx and network trouble are worth another try; 5xx is a permanent refusal. */
function classify(error: unknown): DeliveryError {
  const e = error as { responseCode?: number; code?: string; message?: string }
  const text = `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? String(error)}`
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600
  return new DeliveryError(text, permanent)
}
