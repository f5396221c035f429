import { PassThrough } from 'node:stream'
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './utils/nonce'
import { RETRY_AFTER_SECONDS } from './utils/database-unavailable'
import { logErrorWithStack } from './utils/logger.server'

// The HTTP server (app/server/main.ts) reaches start-up and shutdown through the
// server build's entry module, so the database lives in the same module graph as the routes.
export { bootstrap, shutdown } from './utils/bootstrap.server'
export { httpSettings } from './utils/http-settings.server'
// …and wraps the routes so that a database outage answers 503 (ADR 005).
export { withDatabaseOutageAnswers } from './utils/database-outage.server'
// …and renders /metrics with the database gauges (ADR 014).
export { renderMetrics } from './utils/metrics-collect.server'

const ABORT_DELAY = 5_000

/** Unexpected errors in loaders and actions: one JSON log line with the request id (ADR 014). */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return // the client went away; not a fault
  logErrorWithStack('unhandled error in a loader or action', error)
}

export function handleDataRequest(response: Response) {
  if (response.status === 503 && !response.headers.has('Retry-After')) response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  return response
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Remix's inline scripts carry the nonce the Content-Security-Policy header allows.
  const nonce = loadContext.cspNonce
  // Routes that show a secret in their URL (the reporter's private link) set no-referrer themselves.
  // A 503 is a database outage (ADR 005): tell clients and proxies when to try again.
  if (responseStatusCode === 503 && !responseHeaders.has('Retry-After')) responseHeaders.set('Retry-After', String(RETRY_AFTER_SECONDS))
  if (!responseHeaders.has('Referrer-Policy')) responseHeaders.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  const bot = isbot(request.headers.get('user-agent') ?? '')
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [bot ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) logErrorWithStack('error while rendering', error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}
