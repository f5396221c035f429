// The per-request CSP nonce (ADR 006), set on the server from the load context.
// In the browser it is empty: browsers hide nonces from the DOM, and scripts added
// after hydration are loaded by the already-trusted module graph.
import { createContext, useContext } from 'react'

const NonceContext = createContext<string | undefined>(undefined)

export const NonceProvider = NonceContext.Provider

export function useNonce() {
  return useContext(NonceContext)
}
