// What the HTTP server (app/server/main.ts) hands every loader and action besides
// the request: the client's IP as Express resolved it under TRUST_PROXY, and the
// nonce the response's Content-Security-Policy allows inline scripts with.
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    clientIp?: string
    /** The Content-Security-Policy nonce of this response (absent in development). */
    cspNonce?: string
  }
}

export {}
