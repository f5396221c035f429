// Reads the demo mail outbox (<DATA_DIR>/mail/*.eml, written by notify/email.server.ts)
// for the admin page: headers and the plain-text part, newest first.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface MailSummary {
  outboxId: number
  to: string
  subject: string
  date: string
  text: string
}

const FILE = /^outbox-(\d{1,12})\.eml$/

/** Outbox ids of the newest `limit` files. */
export async function listMailIds(dir: string, limit: number): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names
    .map((n) => FILE.exec(n)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => b - a)
    .slice(0, limit)
}

export async function readMail(dir: string, outboxId: number): Promise<MailSummary | null> {
  const raw = await readFile(join(dir, `outbox-${String(outboxId).padStart(9, '0')}.eml`), 'utf8').catch(() => null)
  return raw === null ? null : { outboxId, ...parseEml(raw) }
}

/** Just enough MIME for our own messages: unfolded headers, the text/plain part decoded. */
export function parseEml(raw: string) {
  const source = raw.replace(/\r\n/g, '\n')
  const split = source.indexOf('\n\n')
  const headers = parseHeaders(source.slice(0, split))
  const body = source.slice(split + 2)
  const boundary = /boundary="?([^";\n]+)"?/.exec(headers.get('content-type') ?? '')?.[1]
  let text = body
  let encoding = headers.get('content-transfer-encoding') ?? ''
  if (boundary) {
    const part = body.split(`--${boundary}`).find((p) => /content-type:\s*text\/plain/i.test(p.slice(0, p.indexOf('\n\n') + 1)))
    if (part) {
      const at = part.indexOf('\n\n')
      encoding = parseHeaders(part.slice(0, at).trim()).get('content-transfer-encoding') ?? ''
      text = part.slice(at + 2)
    }
  }
  return {
    to: headers.get('to') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    date: headers.get('date') ?? '',
    text: decodeBody(text, encoding).trim(),
  }
}

function parseHeaders(block: string) {
  const map = new Map<string, string>()
  for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return map
}

function decodeBody(text: string, encoding: string) {
  if (/base64/i.test(encoding)) return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (/quoted-printable/i.test(encoding)) return decodeQuotedPrintable(text.replace(/=\n/g, ''))
  return text
}

function decodeQuotedPrintable(text: string) {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=). */
function decodeWords(value: string) {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  )
}
