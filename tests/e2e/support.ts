// Helpers for the end-to-end tests: the built production server in a child process,
// headless Debian Chromium through playwright-core, axe-core checks, and throw-away
// PostgreSQL databases. The build itself happens once in tests/setup/e2e-global.ts.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createScratchDatabase, type ScratchDatabase } from '#db/scratch-database'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { freePort } from '../support/free-port'

export { freePort }

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CHROMIUM_PATH = '/usr/bin/chromium'
export const ARTIFACTS = join(ROOT, 'tests/.artifacts')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js')
const READY_TIMEOUT_MS = 120_000
const LISTENING = /Melayani is listening on http:\/\/localhost:(\d+)/

export const isCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0'

// ---------------------------------------------------------------------------
// Preconditions: in CI a missing browser or database is a failure, locally a skip.
// ---------------------------------------------------------------------------

/** True when Chromium is there. In CI a missing Chromium throws (the file fails). */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  const message = `${CHROMIUM_PATH} not found: the browser tests need Debian's chromium (apt-get install chromium).`
  if (isCI) throw new Error(`${message} CI must run them.`)
  console.warn(`⚠ ${message} Skipping the browser tests.`)
  return false
}

/** True when TEST_DATABASE_URL is set. In CI an unset one throws (the file fails). */
export function postgresAvailable(): boolean {
  if (process.env.TEST_DATABASE_URL) return true
  const message = 'TEST_DATABASE_URL is not set: the PostgreSQL start-up test needs a server (e.g. postgres://postgres@127.0.0.1:5432/postgres).'
  if (isCI) throw new Error(`${message} CI must run it.`)
  console.warn(`⚠ ${message} Skipping it.`)
  return false
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

export interface ServerOptions {
  /** A PGlite directory or a postgres:// URL; default: a fresh PGlite directory in a temp folder. */
  databaseUrl?: string
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string | undefined>
  /** Folder for DATA_DIR (and the default PGlite directory); default: a fresh temp folder. */
  dataDir?: string
}

export interface ExitInfo {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface SpawnedServer {
  baseUrl: string
  port: number
  process: ChildProcess
  databaseUrl: string
  dataDir: string
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string
  /** Resolves with the ms from spawn to the "listening" line; rejects if the process exits first or times out. */
  ready: Promise<number>
  exited: Promise<ExitInfo>
  /** SIGTERM, then SIGKILL to the whole process group if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<ExitInfo>
}

export interface RunningServer extends SpawnedServer {
  readyMs: number
  /** performance.now() when the "listening" line arrived. */
  readyAt: number
}

const running = new Set<ChildProcess>()
let exitHookInstalled = false
function installExitHook() {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // Never leave a server behind (holding a port and a PGlite lock) if a test run dies.
  process.on('exit', () => {
    for (const child of running) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  })
}

function serverEnv(extra: Record<string, string>, overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = { ...process.env }
  // The server must run as a demo install (NODE_ENV unset), not as vitest's NODE_ENV=test.
  for (const key of ['NODE_ENV', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'SESSION_SECRET', 'APP_BASE_URL', 'DATABASE_URL', 'PORT']) {
    delete env[key]
  }
  Object.assign(env, extra, overrides)
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key]
  return env as NodeJS.ProcessEnv
}

/** Spawns `tsx app/server/start.ts` without waiting for it. */
export async function spawnServer(options: ServerOptions = {}): Promise<SpawnedServer> {
  installExitHook()
  const port = await freePort()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'melayani-e2e-'))
  mkdirSync(dataDir, { recursive: true })
  const databaseUrl = options.databaseUrl ?? join(dataDir, 'pglite')
  const env = serverEnv({ PORT: String(port), DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEMO_REPORTS: '100' }, options.env)

  const started = performance.now()
  const child = spawn(TSX, ['app/server/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  running.add(child)
  let out = ''
  let resolveReady: (ms: number) => void = () => {}
  let rejectReady: (error: Error) => void = () => {}
  const ready = new Promise<number>((res, rej) => {
    resolveReady = res
    rejectReady = rej
  })
  ready.catch(() => {}) // callers that only care about `exited` must not see an unhandled rejection
  let isReady = false
  const onData = (chunk: Buffer) => {
    out += chunk.toString()
    if (!isReady && LISTENING.test(out)) {
      isReady = true
      resolveReady(performance.now() - started)
    }
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exited = new Promise<ExitInfo>((res) => {
    child.on('exit', (code, signal) => {
      running.delete(child)
      res({ code, signal })
      if (!isReady) rejectReady(new Error(`The server exited (code ${code}, signal ${signal}) before listening. Output:\n${out}`))
    })
  })
  const timer = setTimeout(() => {
    if (!isReady) {
      rejectReady(new Error(`The server did not print "listening" within ${READY_TIMEOUT_MS / 1000} s. Output:\n${out}`))
      killGroup(child, 'SIGKILL')
    }
  }, READY_TIMEOUT_MS)
  timer.unref()
  void ready.finally(() => clearTimeout(timer)).catch(() => {})

  const stop = async (graceMs = 10_000): Promise<ExitInfo> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited
    child.kill('SIGTERM')
    const forced = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs)
    const info = await exited
    clearTimeout(forced)
    return info
  }

  return { baseUrl: `http://localhost:${port}`, port, process: child, databaseUrl, dataDir, output: () => out, ready, exited, stop }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

/** Starts the built server and waits for its "listening" line (at most 120 s). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await spawnServer(options)
  try {
    const readyMs = await server.ready
    return { ...server, readyMs, readyAt: performance.now() }
  } catch (error) {
    await server.stop(2000)
    throw error
  }
}

// ---------------------------------------------------------------------------
// Plain HTTP as a staff member (for set-up steps and header checks)
// ---------------------------------------------------------------------------

export function sessionCookieFrom(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__session='))
  return cookie ? (cookie.split(';')[0] ?? null) : null
}

export async function loginOverHttp(baseUrl: string, email: string, password: string): Promise<{ response: Response; cookie: string }> {
  const response = await fetch(`${baseUrl}/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  })
  const cookie = sessionCookieFrom(response)
  if (response.status !== 302 || !cookie) throw new Error(`Login of ${email} failed: HTTP ${response.status}`)
  return { response, cookie }
}

/** Submits one staff action form (as the browser would) for report `code`. */
export async function staffActionOverHttp(baseUrl: string, cookie: string, code: string, intent: string, fields: Record<string, string> = {}) {
  const page = await fetch(`${baseUrl}/petugas/laporan/${code}`, { headers: { Cookie: cookie } })
  if (page.status !== 200) throw new Error(`GET /petugas/laporan/${code}: HTTP ${page.status}`)
  const html = await page.text()
  const version = /name="version" value="(\d+)"/.exec(html)?.[1]
  if (!version) throw new Error(`No version field on /petugas/laporan/${code}`)
  return fetch(`${baseUrl}/petugas/laporan/${code}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent, version, ...fields }),
  })
}

// ---------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchedBrowser {
  browser: Browser
  context: BrowserContext
  /** Another isolated context (no shared cookies) with the same settings. */
  newContext(options?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>
  close(): Promise<void>
}

const VIEWPORT = { width: 360, height: 740 }

export async function launchBrowser({ javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {}): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found`)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const newContext = async (options: { javaScriptEnabled?: boolean } = {}) => {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      javaScriptEnabled: options.javaScriptEnabled ?? javaScriptEnabled,
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
    })
    context.setDefaultTimeout(20_000)
    context.setDefaultNavigationTimeout(30_000)
    return context
  }
  const context = await newContext()
  return { browser, context, newContext, close: () => browser.close() }
}

/** Saves a screenshot and the HTML of `page` under tests/.artifacts (for failed tests). */
export async function saveArtifacts(page: Page | undefined, name: string) {
  if (!page || page.isClosed()) return
  try {
    mkdirSync(ARTIFACTS, { recursive: true })
    const base = join(ARTIFACTS, name.replace(/[^\w.-]+/g, '_').slice(0, 120))
    await page.screenshot({ path: `${base}.png`, fullPage: true })
    writeFileSync(`${base}.html`, await page.content())
    console.log(`Saved ${base}.png and .html (page ${page.url()})`)
  } catch (error) {
    console.warn('Could not save artifacts:', error)
  }
}

/** Writes what the server printed to tests/.artifacts/<name>.log. */
export function saveServerOutput(server: { output(): string } | undefined, name: string) {
  if (!server) return
  mkdirSync(ARTIFACTS, { recursive: true })
  const file = join(ARTIFACTS, `${name}.log`)
  writeFileSync(file, server.output())
  console.log(`Saved the server output to ${file}`)
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; html: string; failureSummary?: string }[]
}

/** Runs axe-core (WCAG 2 A and AA rules) on the page; returns the serious and critical violations. */
export async function checkA11y(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')
  // Evaluated through DevTools, not as a <script> tag: the page's CSP forbids inline scripts.
  if (!loaded) await page.evaluate(readFileSync(AXE, 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** A readable summary of axe violations for assertion messages. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n')
}

/** Horizontal overflow: the document is wider than the 360 px viewport. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth)
}

// ---------------------------------------------------------------------------
// Throw-away PostgreSQL databases on TEST_DATABASE_URL's server
// ---------------------------------------------------------------------------

export type FreshPostgresDatabase = ScratchDatabase

export async function createPostgresDatabase(serverUrl = process.env.TEST_DATABASE_URL): Promise<FreshPostgresDatabase> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set')
  return createScratchDatabase(serverUrl, 'melayani_e2e')
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true })
}
