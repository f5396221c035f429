import { z } from 'zod'

const INT4_MAX = 2_147_483_647

/**
 * A row id from a form: a positive integer that fits PostgreSQL's `integer`, so a
 * tampered value is a validation message, never a database error.
 */
export function dbId(message: string) {
  return z.number({ error: message }).int(message).positive(message).max(INT4_MAX, message)
}
