// Configuration is read and validated once, at start-up.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const rateLimit = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^(off|\d{1,7}\/\d{1,7})$/, 'expected "points/seconds" (e.g. 20/600) or "off"')
    .transform((v) => {
      if (v === 'off') return null
      const [points, seconds] = v.split('/').map(Number) as [number, number]
      return { points, seconds }
    })
    .refine((v) => v === null || (v.points >= 1 && v.seconds >= 1), 'points and seconds must be at least 1')
    .prefault(fallback)

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().min(1).default('./data/pglite'),
  // A PostgreSQL streaming replica: dashboard and public statistics read from it (ADR 021).
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_REPLICA_URL must be a postgres:// URL')
    .optional(),
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
  // Several cities in one install (ADR 023): "host=slug,host=slug"; bare paths on a listed host serve its jurisdiction.
  JURISDICTION_HOSTS: z
    .string()
    .trim()
    .regex(/^([a-z0-9.-]+=[a-z0-9-]+)?(\s*,\s*[a-z0-9.-]+=[a-z0-9-]+)*$/i, 'expected host=slug,host=slug (e.g. lapor.malangkota.go.id=kota-malang)')
    .optional(),
  // Number of simulated historical reports written into an empty demo database.
  DEMO_REPORTS: z.coerce.number().int().min(0).max(100_000).default(2000),
  // Per-client-IP limits, "points/seconds" (e.g. 20/600 = 20 per 10 minutes) or "off". See ADR 006.
  RATE_LIMIT_FILING: rateLimit('20/600'),
  RATE_LIMIT_LOGIN: rateLimit('30/900'),
  RATE_LIMIT_PRIVATE_LINK: rateLimit('30/600'),
  RATE_LIMIT_LOOKUP: rateLimit('60/60'),
  RATE_LIMIT_KELURAHAN: rateLimit('60/60'),
  // Open311 POST requests per API key (not per IP: one app server files for many citizens).
  RATE_LIMIT_OPEN311: rateLimit('60/600'),
  // Failed logins per (account, client IP): free attempts, then a wait that doubles from the base up to the max.
  LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  // Express 'trust proxy': unset/false = clients connect directly; true, a hop count, or
  // addresses/subnets of the reverse proxies (e.g. "loopback" or "10.0.0.0/8").
  TRUST_PROXY: z.string().trim().optional(),
  // The map tile server a later map view loads images from; its origin joins the CSP's img-src.
  MAP_TILE_URL: z.url().optional(),
  // Shown on every map (tile providers require it); defaults to OpenStreetMap's when MAP_TILE_URL is unset.
  MAP_TILE_ATTRIBUTION: z.string().trim().max(300).optional(),
  // Background jobs (ADR 011): the web process runs the workers unless this is "false"
  // (then `npm run worker` must run beside it; PostgreSQL only).
  JOBS_IN_PROCESS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  // Tests only: serves the 'test.probe' job, which records each run in a table the test made.
  JOBS_TEST_PROBE: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  // Bearer token that GET /metrics requires (ADR 014); unset = no /metrics endpoint.
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  // JSON log threshold (read by logger.server.ts; validated here so a typo fails at start-up).
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
  // Email (ADR 013): smtp(s)://user:pass@host:port; unset = .eml files under <DATA_DIR>/mail.
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://user:pass@host:port or smtps://…')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default('Melayani <no-reply@melayani.local>'),
  // WhatsApp Business Cloud API; all three or none (then the channel is off and not offered).
  WHATSAPP_API_URL: z.url().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .trim()
    .regex(/^\d{5,20}$/, 'expected the numeric phone-number id')
    .optional(),
  WHATSAPP_TOKEN: z.string().trim().min(10).optional(),
  // Filing by WhatsApp (ADR 024): the webhook is off unless both are set. The app secret signs
  // every webhook POST (X-Hub-Signature-256); the verify token answers Meta's GET handshake.
  WHATSAPP_APP_SECRET: z.string().trim().min(8).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().trim().min(8).optional(),
  // Which jurisdiction the city's WhatsApp number files into (default: DEFAULT_JURISDICTION).
  WHATSAPP_JURISDICTION: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,60}$/)
    .optional(),
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
  const whatsapp = [env.WHATSAPP_API_URL, env.WHATSAPP_PHONE_NUMBER_ID, env.WHATSAPP_TOKEN].filter(Boolean).length
  if (whatsapp !== 0 && whatsapp !== 3) {
    throw new Error('Invalid configuration:\n  WHATSAPP_API_URL, WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_TOKEN go together: set all three or none')
  }
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
