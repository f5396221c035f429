// vitest globalSetup of the 'e2e' project: build the app once, always, so that the
// end-to-end tests exercise the current sources (app/server/start.ts then finds an
// up-to-date build and serves it). The helpers live in tests/e2e/support.ts.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export default function setup() {
  const ci = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0'
  // Fail early and clearly in CI instead of half-way through the run.
  if (ci && !existsSync('/usr/bin/chromium'))
    throw new Error('CI: /usr/bin/chromium is missing; the browser journeys must run in CI (apt-get install chromium).')
  if (ci && !process.env.TEST_DATABASE_URL) throw new Error('CI: TEST_DATABASE_URL is not set; the PostgreSQL start-up test must run in CI.')

  // A production build, whatever NODE_ENV vitest set for itself.
  const env: Record<string, string | undefined> = { ...process.env }
  delete env.NODE_ENV
  const started = performance.now()
  const result = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    throw new Error(`npx remix vite:build failed (exit ${result.status}, ${seconds} s):\n${result.stdout}\n${result.stderr}`)
  }
  console.log(`e2e: built the app with "npx remix vite:build" in ${seconds} s`)
}
