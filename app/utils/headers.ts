import type { HeadersFunction } from '@remix-run/node'

/** Staff pages carry personal data (reporter contacts): never store them in any cache. */
export const noStoreHeaders: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })
