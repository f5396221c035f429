// Open311 answers in JSON or XML (the spec's element names and order), its error format
// (`[{code, description}]` / `<errors><error>…`), and CORS: read-only GET answers are
// public data any site may fetch; POST gets no CORS header (browsers on other sites
// can't file with someone's key, and the origin guard refuses cross-site POSTs).
import { XMLBuilder } from 'fast-xml-parser'
import type { Open311Format } from '~/domain/open311'

/** A refusal the client can act on; never a 500. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 429,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description)
  }
}

type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[]
interface XmlObject {
  [key: string]: XmlValue
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false })

// Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F):
// a description typed with one would otherwise make the whole document unreadable.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Null becomes an empty element (the spec's XML has no null); booleans are spelled out. */
function forXml(value: XmlValue): XmlValue {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(forXml)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]))
  if (typeof value === 'string') return value.replace(XML_INVALID, '\uFFFD')
  return typeof value === 'boolean' ? String(value) : value
}

export function toXml(root: string, content: XmlObject): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: forXml(content) }) as string}`
}

const CONTENT_TYPES: Record<Open311Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' }

export interface AnswerInit {
  status?: number
  /** GET answers: any origin may read them. */
  publicRead?: boolean
  headers?: Record<string, string>
}

/** One answer: `json` as is, or `xml` built by the caller in the spec's element shape. */
export function answer(format: Open311Format, body: { json: unknown; xml: () => string }, init: AnswerInit = {}): Response {
  const headers = new Headers({ 'Content-Type': CONTENT_TYPES[format], 'Cache-Control': 'no-store', ...init.headers })
  if (init.publicRead) headers.set('Access-Control-Allow-Origin', '*')
  return new Response(format === 'json' ? JSON.stringify(body.json) : body.xml(), { status: init.status ?? 200, headers })
}

export function errorAnswer(format: Open311Format, error: Open311Error, publicRead: boolean): Response {
  const errors = [{ code: error.status, description: error.description }]
  return answer(format, { json: errors, xml: () => toXml('errors', { error: errors }) }, { status: error.status, publicRead, headers: error.headers })
}

/** Runs an endpoint; an Open311Error becomes the spec's error answer in the asked format. */
export async function open311Endpoint(format: Open311Format, publicRead: boolean, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Open311Error) return errorAnswer(format, error, publicRead)
    throw error
  }
}
