// The one definition of "the database is unavailable" (ADR 005): errors that say
// nothing about the request, only that PostgreSQL cannot answer right now (down,
// restarting, connections cut, pool exhausted, timed out). Such errors become a 503
// "coba lagi" answer instead of a 500; every other error stays a bug (500).
import { DATABASE_UNAVAILABLE_CODE, DatabaseUnavailableError } from '#db/connection-errors'

/** SQLSTATE classes/codes that mean "the server cannot serve us now". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, fast/smart shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '57014', // query_canceled: our statement_timeout fired (the server hangs or is overloaded)
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
  '57P04', // database_dropped
  '25006', // read_only_sql_transaction: a former primary after a failover
])

/** Node socket errors on the way to the server. */
const UNAVAILABLE_SYSCALL_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'])

/** node-postgres and pg-pool say these in plain messages (no code). */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i, // "Connection terminated unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool: connectionTimeoutMillis
  /is not queryable/i, // a client that already lost its connection
  /query read timeout/i, // pg: query_timeout
  /connection (?:ended|closed|lost)/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
]

// Thrown by our own code when no connection could be had or no answer came in time.
export { DATABASE_UNAVAILABLE_CODE, DatabaseUnavailableError }

/** True when `error` (or its cause, or one of an AggregateError's errors) means the database is unavailable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof e.code === 'string') {
    if (e.code === DATABASE_UNAVAILABLE_CODE || UNAVAILABLE_SYSCALL_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.has(e.code)) return true
    // Class 08: connection exception (08000, 08003, 08006, 08001, 08004 …).
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return true
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true
  // Node ≥ 20 tries IPv6 and IPv4 for "localhost": a refusal is an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true
  return e.cause !== undefined && isDatabaseUnavailable(e.cause, depth + 1)
}

/** Seconds a client should wait before trying again (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5
