// Configuration is read and validated once, at start-up.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().min(1).default('./data/pglite'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  APP_BASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  // Re-encoded report photos; defaults to <DATA_DIR>/uploads.
  UPLOAD_DIR: z.string().optional(),
  // Photos decoded at once, and how long a photo may wait for its turn before the
  // citizen is asked to try again (ADR 010).
  PHOTO_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PHOTO_QUEUE_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(15_000),
  DEFAULT_JURISDICTION: z.string().default('kota-malang'),
  // Number of simulated historical reports written into an empty demo database.
  DEMO_REPORTS: z.coerce.number().int().min(0).max(100_000).default(2000),
})

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string }

let cached: Env | null = null

export function getEnv(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid configuration:\n${issues}`)
  }
  const env = parsed.data
  let secret = env.SESSION_SECRET
  if (!secret) {
    if (env.NODE_ENV === 'production') throw new Error('Invalid configuration:\n  SESSION_SECRET is required in production')
    secret = developmentSecret(env.DATA_DIR)
  }
  cached = { ...env, SESSION_SECRET: secret }
  return cached
}

// Development only: a secret generated once and kept under ./data, so sessions
// survive restarts without anyone having to configure anything.
function developmentSecret(dataDir: string) {
  const file = join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  console.warn(`⚠ SESSION_SECRET is not set: generated one for development in ${file}. Set SESSION_SECRET in production.`)
  return secret
}
