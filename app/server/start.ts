// `npm start`: build the app if there is no build or the sources are newer, then serve it.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from './main'

const BUILD = 'build/server/index.js'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs
    if (t > newest) newest = t
  }
  return newest
}

function needsBuild() {
  if (!existsSync(BUILD)) return true
  const built = statSync(BUILD).mtimeMs
  const sources = Math.max(newestMtime('app'), newestMtime('db'), newestMtime('public'))
  return sources > built
}

if (needsBuild()) {
  console.log('Building Melayani (first start or changed sources)…')
  execSync('npx remix vite:build', { stdio: 'inherit' })
}
// NODE_ENV is left as given: unset means a demo install (demo data is seeded);
// NODE_ENV=production requires SESSION_SECRET and never seeds demo data.
await startServer({ dev: false })
