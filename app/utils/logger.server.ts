// Operational logs: JSON lines on stdout (pino), one per request and one per job run.
// LOG_LEVEL (trace|debug|info|warn|error|fatal|silent, default info) sets the threshold.
// The human start-up banner stays plain console output (app/server/main.ts).
// Never log contact details, request bodies, headers or the private link's `?t=` token.
import pino, { type DestinationStream, type Logger } from 'pino'
import { currentRequestContext } from './request-context.server'

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const

function levelFromEnv(): string {
  const level = process.env.LOG_LEVEL?.trim().toLowerCase()
  return level && (LOG_LEVELS as readonly string[]).includes(level) ? level : 'info'
}

export function createLogger(destination?: DestinationStream, level = levelFromEnv()): Logger {
  return pino(
    {
      level,
      base: { service: 'melayani' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Belt and braces: should anyone log these fields, they never reach the output.
      redact: { paths: ['email', 'phone', 'contact', 'password', 'token', '*.email', '*.phone', '*.contact', '*.password', '*.token'], censor: '[redacted]' },
    },
    destination,
  )
}

// One logger per process, shared by both module graphs (see request-context.server.ts).
const KEY = Symbol.for('melayani.logger')
const g = globalThis as unknown as { [KEY]?: Logger }

export function logger(): Logger {
  g[KEY] ??= createLogger()
  return g[KEY]
}

/** Tests capture the log lines by installing their own logger. */
export function useLoggerForTests(instance: Logger) {
  g[KEY] = instance
}

/**
 * Logs an unexpected error with its message and stack, and the request id when inside a
 * request. Only those two fields: driver errors carry extra properties (pg's `detail`
 * quotes the row's values) that could hold contact data.
 */
export function logErrorWithStack(msg: string, error: unknown) {
  const requestId = currentRequestContext()?.requestId
  logger().error({ ...(requestId ? { request_id: requestId } : {}), error: errorMessage(error), stack: error instanceof Error ? error.stack : undefined }, msg)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
