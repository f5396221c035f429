// "The database is unavailable" as an error of our own: thrown where we know the cause
// is the connection, not the request (no connection could be had, or no answer came in
// time). app/utils/database-unavailable.ts turns it, and PostgreSQL's own outage
// errors, into a 503 answer (ADR 005).
export const DATABASE_UNAVAILABLE_CODE = 'DATABASE_UNAVAILABLE'

export class DatabaseUnavailableError extends Error {
  readonly code = DATABASE_UNAVAILABLE_CODE
  constructor(message = 'The database is unavailable', options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DatabaseUnavailableError'
  }
}
