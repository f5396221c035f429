// Melayani's service worker (ADR 028): Background Sync for reports kept on the phone
// while offline. The page keeps them in IndexedDB (app/utils/offline-drafts.client.ts,
// the same store and record shape) and also sends them itself when the connection comes
// back; this worker sends them even when no page is open, where the browser supports
// Background Sync. Each carries its idempotency key, so a double send files one report.
// It caches nothing: every page is rendered with a fresh CSP nonce and form key.
const DB_NAME = 'melayani'
const STORE = 'drafts'
const SYNC_TAG = 'melayani-drafts'

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result)
    idbRequest.onerror = () => reject(idbRequest.error)
  })
}

function openDb() {
  const open = indexedDB.open(DB_NAME, 1)
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id' })
  return request(open)
}

async function sendDrafts() {
  const db = await openDb()
  const drafts = await request(db.transaction(STORE).objectStore(STORE).getAll())
  for (const draft of drafts) {
    const body = new FormData()
    for (const [name, value] of draft.fields) body.append(name, value)
    for (const photo of draft.photos) body.append('photos', photo)
    // A network error rejects: the browser retries the sync later.
    const response = await fetch(draft.path, { method: 'POST', body, credentials: 'same-origin' })
    if (response.status === 429 || response.status >= 500) throw new Error('retry later')
    const html = await response.text()
    const code = response.redirected ? (/\/laporan\/([A-Z0-9-]+)/.exec(new URL(response.url).pathname) || [])[1] : undefined
    const link = (/class="private-link" href="([^"]+)"/.exec(html) || [])[1]
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(draft.id))
    const summary = ((draft.fields.find(([n]) => n === 'description') || [])[1] || '').slice(0, 40)
    const result = code
      ? { kind: 'sent', code, url: response.url, privateLink: link ? link.replace(/&amp;/g, '&') : null }
      : { kind: 'refused', summary }
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'melayani-draft', result })
  }
  db.close()
}

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(sendDrafts())
})
