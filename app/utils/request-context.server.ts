// Per-request facts that code deep inside Remix learns (who is signed in) and the
// Express request log needs. The store is one AsyncLocalStorage kept on globalThis:
// the Express layer (loaded by tsx) and the routes (the Remix server build) are two
// module graphs, and both must see the same instance.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface RequestContext {
  requestId: string
  /** Staff user id once a loader/action resolved the session; never contact data. */
  userId?: number
}

const KEY = Symbol.for('melayani.requestContext')
const g = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> }

export function requestContextStorage(): AsyncLocalStorage<RequestContext> {
  g[KEY] ??= new AsyncLocalStorage<RequestContext>()
  return g[KEY]
}

export function currentRequestContext(): RequestContext | undefined {
  return requestContextStorage().getStore()
}

/** Records the signed-in staff user for this request's log line. */
export function noteRequestUser(userId: number) {
  const context = currentRequestContext()
  if (context) context.userId = userId
}
