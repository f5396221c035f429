// Runs the integration suite on embedded PGlite, then again on PostgreSQL when
// TEST_DATABASE_URL names a server (each test file creates and drops its own database).
import { spawnSync } from 'node:child_process'

function run(label: string, env: NodeJS.ProcessEnv) {
  console.log(`\n▶ integration tests on ${label}`)
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'integration', ...process.argv.slice(2)], { stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const { TEST_DATABASE_URL, ...rest } = process.env
run('PGlite (embedded)', rest)
if (TEST_DATABASE_URL) run(`PostgreSQL (${TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`, { ...rest, TEST_DATABASE_URL })
else if (process.env.CI) {
  console.error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL run is required in CI.')
  process.exit(1)
} else console.log('\n(TEST_DATABASE_URL is not set: skipped the PostgreSQL run.)')
