// What the HTTP server (app/server/main.ts) hands every loader and action besides
// the request: the client's IP as Express resolved it under TRUST_PROXY.
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    clientIp?: string
  }
}

export {}
