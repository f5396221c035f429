import type { HeadersFunction } from '@remix-run/node'

/** Staff pages carry personal data (reporter contacts): never store them in any cache. */
export const noStoreHeaders: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

/**
 * Page responses take their headers only from routes' `headers` exports, not from what
 * a loader or action returned; this one carries a refusal's Retry-After (429) through,
 * for the document and for JavaScript's data requests alike.
 */
export function passRetryAfter(base: Record<string, string> = {}): HeadersFunction {
  return ({ actionHeaders, loaderHeaders, errorHeaders }) => {
    const headers = new Headers(base)
    const retryAfter = [errorHeaders, actionHeaders, loaderHeaders].map((h) => h?.get('Retry-After')).find(Boolean)
    if (retryAfter) {
      headers.set('Retry-After', retryAfter)
      headers.set('Cache-Control', 'no-store')
    }
    return headers
  }
}
