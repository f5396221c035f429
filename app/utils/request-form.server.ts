// The one way route actions read a posted form. It accepts only urlencoded and
// multipart bodies, counts bytes while reading and stops at the limit, maps a
// malformed body to a 4xx instead of a 500, refuses parts without a name, caps
// text fields and file parts, and strips NUL characters (which PostgreSQL refuses
// in text) from every name and value before anything reaches a query.
import { unstable_parseMultipartFormData } from '@remix-run/node'
import {
  bodyLimitFor,
  isBodyTooLarge,
  MAX_PARTS,
  MAX_PLAIN_BODY_BYTES,
  MAX_TEXT_FIELD_BYTES,
  MAX_TEXT_TOTAL_BYTES,
  mediaType,
  BodyTooLargeError,
} from './request-limits'
import { TOO_LARGE } from './photo-rules'

export interface FormReadOptions {
  /** The one file field this form accepts; without it, any file part is refused. */
  files?: { field: string; max: number; maxBytes: number }
}

const URLENCODED = 'application/x-www-form-urlencoded'
const MULTIPART = 'multipart/form-data'

/** A refusal, turned into a thrown 4xx Response by readRequestForm. */
class FormRefused extends Error {
  constructor(readonly status: 400 | 413) {
    super(`form refused (${status})`)
  }
}

/** Thrown from inside the multipart loop to stop reading (more files than allowed). */
class StopReading extends Error {}

export function stripNul(value: string) {
  return value.includes('\0') ? value.replaceAll('\0', '') : value
}

function refuse(status: 400 | 413 | 415) {
  const text = {
    400: '400: formulir tidak dapat dibaca (the form could not be read).',
    413: '413: kiriman terlalu besar (request too large).',
    415: '415: jenis kiriman tidak didukung; kirim formulir (unsupported content type; send a form).',
  }[status]
  // The server closes the connection after answering, so the rest of a refused body
  // is never read (app/server/request-handler.ts).
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * The request body as a stream that errors with BodyTooLargeError after `limit`
 * bytes, plus a way to stop reading early (the source is cancelled, not drained).
 */
function countedBody(body: ReadableStream<Uint8Array>, limit: number) {
  const source = body.getReader()
  let seen = 0
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await source.read()
      if (done) return controller.close()
      seen += value.byteLength
      if (seen > limit) {
        void source.cancel().catch(() => {})
        return controller.error(new BodyTooLargeError(limit))
      }
      controller.enqueue(value)
    },
    cancel(reason) {
      return source.cancel(reason)
    },
  })
  return { stream, stop: () => source.cancel().catch(() => {}), bytesRead: () => seen }
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Reads a part, keeping at most `keep` bytes; returns the kept bytes and the full size. */
async function readPart(data: AsyncIterable<Uint8Array>, keep: number) {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of data) {
    if (size < keep) chunks.push(chunk)
    size += chunk.byteLength
  }
  return { bytes: Buffer.concat(chunks).subarray(0, keep), size }
}

/**
 * Reads the posted form of `request`. Throws a 4xx Response (415 wrong content type,
 * 413 too large, 400 malformed) instead of letting a parse error become a 500.
 */
export async function readRequestForm(request: Request, options: FormReadOptions = {}): Promise<FormData> {
  const type = mediaType(request.headers.get('Content-Type'))
  if (type !== URLENCODED && type !== MULTIPART) throw refuse(415)
  if (!request.body) return new FormData()
  // A form without a file field has no use for more than a plain form's bytes, in
  // whatever encoding it comes (found in review: multipart to /masuk read ~38 MB).
  const body = countedBody(request.body, options.files ? bodyLimitFor(type) : MAX_PLAIN_BODY_BYTES)
  const { stream, stop } = body
  try {
    return type === URLENCODED ? await readUrlEncoded(stream) : await readMultipart(request, body, options)
  } catch (error) {
    if (error instanceof Response) throw error
    if (error instanceof FormRefused) throw refuse(error.status)
    if (isBodyTooLarge(error)) throw refuse(413)
    // Anything else the parser raised: a malformed or truncated body.
    throw refuse(400)
  } finally {
    void stop()
  }
}

async function readUrlEncoded(stream: ReadableStream<Uint8Array>) {
  const form = new FormData()
  for (const [name, value] of new URLSearchParams((await readAll(stream)).toString('utf8'))) form.append(stripNul(name), stripNul(value))
  return form
}

async function readMultipart(request: Request, { stream, stop, bytesRead }: ReturnType<typeof countedBody>, { files }: FormReadOptions) {
  const form = new FormData()
  let parts = 0
  let textBytes = 0
  let fileCount = 0
  const counted = new Request(request.url, { method: 'POST', headers: request.headers, body: stream, duplex: 'half' } as RequestInit)
  try {
    // The handler fills `form` itself and returns nothing to Remix, so that what was
    // read so far survives a stop.
    await unstable_parseMultipartFormData(counted, async ({ name, filename, contentType, data }) => {
      if (++parts > MAX_PARTS) throw new FormRefused(413)
      if (!name) throw new FormRefused(400)
      const field = stripNul(name)
      if (filename === undefined) {
        // What is kept counts (at most 64 KB a field); the rest is only drained, within the body limit.
        const { bytes } = await readPart(data, MAX_TEXT_FIELD_BYTES)
        textBytes += bytes.byteLength
        if (textBytes > MAX_TEXT_TOTAL_BYTES) throw new FormRefused(413)
        // Cut at MAX_TEXT_FIELD_BYTES: an oversized field then fails validation with its own "too long" message.
        form.append(field, stripNul(bytes.toString('utf8')))
        return undefined
      }
      if (filename === '') {
        // An empty file input: no file was chosen.
        await readPart(data, 0)
        return undefined
      }
      fileCount++
      if (!files || field !== files.field) throw new FormRefused(400)
      if (fileCount > files.max) {
        // One file too many: stop reading here. The file is added unread, so that the
        // form's validation answers "too many photos" with the other values kept.
        form.append(field, new File([], filename, { type: contentType }))
        throw new StopReading()
      }
      const { bytes, size } = await readPart(data, files.maxBytes)
      form.append(field, size > files.maxBytes ? TOO_LARGE : new File([bytes], filename, { type: contentType }))
      return undefined
    })
  } catch (error) {
    if (!(error instanceof StopReading)) throw error
    await stop()
  }
  // The parser silently skips what comes before the first boundary: a body with
  // bytes but not one part is not a form.
  if (parts === 0 && bytesRead() > 0) throw new FormRefused(400)
  return form
}
