// Offline drafts (ADR 028): a report submitted without a connection is kept in
// IndexedDB (its fields and its downscaled photos) and sent when the connection returns
// (the online event, the next visit, or the service worker's Background Sync: public/sw.js
// reads the same store). It is sent with the form's idempotency key, so if an earlier
// attempt did reach the server, or the page and the worker both send it, one report is filed.
export const DB_NAME = 'melayani'
export const STORE = 'drafts'
export const SYNC_TAG = 'melayani-drafts'

export interface Draft {
  id: string
  path: string
  fields: [string, string][]
  photos: File[]
  savedAt: number
}
export type SendResult = { kind: 'sent'; code: string; url: string; privateLink: string | null } | { kind: 'refused'; summary: string }

export function draftsSupported() {
  return typeof indexedDB !== 'undefined' && typeof fetch === 'function'
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' })
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('indexedDB'))
  })
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open()
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE))
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('indexedDB'))
    })
  } finally {
    db.close()
  }
}

/** Keeps the form's report (its text fields and the given photos); returns the key it will be sent with. */
export async function saveDraft(form: HTMLFormElement, photos: File[], keyField: string): Promise<string> {
  const fields = [...new FormData(form)].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  let id = fields.find(([name]) => name === keyField)?.[1] ?? crypto.randomUUID()
  // The same form saved twice holds two reports: the second gets a key of its own.
  if (await run('readonly', (s) => s.get(id))) id = crypto.randomUUID()
  // Offline, the "mungkin sudah dilaporkan" step cannot be shown: the kept report files as new.
  const withKey = fields
    .filter(([name]) => name !== keyField && name !== 'confirmNew')
    .concat([
      [keyField, id],
      ['confirmNew', '1'],
    ])
  await run('readwrite', (s) => s.put({ id, path: new URL(form.action, location.href).pathname, fields: withKey, photos, savedAt: Date.now() } satisfies Draft))
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined)
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync
  await sync?.register(SYNC_TAG).catch(() => {})
  return id
}

/** The code, report address and private link in the report page a filing redirected to. */
export function readFiledPage(url: string, html: string) {
  const code = /\/laporan\/([A-Z0-9-]+)/.exec(new URL(url).pathname)?.[1] ?? null
  const link = /class="private-link" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null
  return code ? { code, url, privateLink: link } : null
}

let sending: Promise<SendResult[]> | null = null

/** Sends the kept reports; stops at the first network error (still offline). */
export function sendDrafts(): Promise<SendResult[]> {
  sending ??= (async () => {
    const results: SendResult[] = []
    const drafts = await run<Draft[]>('readonly', (s) => s.getAll() as IDBRequest<Draft[]>)
    for (const draft of drafts) {
      const body = new FormData()
      for (const [name, value] of draft.fields) body.append(name, value)
      for (const photo of draft.photos) body.append('photos', photo)
      let response: Response
      try {
        response = await fetch(draft.path, { method: 'POST', body, credentials: 'same-origin' })
      } catch {
        break
      }
      const filed = response.redirected ? readFiledPage(response.url, await response.text()) : null
      if (filed) results.push({ kind: 'sent', ...filed })
      else if (response.status === 429 || response.status >= 500)
        continue // kept; tried again later
      else results.push({ kind: 'refused', summary: (draft.fields.find(([n]) => n === 'description')?.[1] ?? '').slice(0, 40) })
      await run('readwrite', (s) => s.delete(draft.id))
    }
    return results
  })().finally(() => {
    sending = null
  })
  return sending
}

export function draftCount(): Promise<number> {
  return run('readonly', (s) => s.count())
}
