// The HTTP server: Express with Remix's request handler. The database lives inside
// the Remix server build (one module graph, one PGlite); this file reaches it only
// through the bootstrap()/shutdown() that entry.server exports.
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import type { Server } from 'node:http'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bodyLimit } from './body-limit'
import { createRequestHandler } from './request-handler'
import { finalErrorHandler } from './final-error'
import { describeHeapCap } from './heap'
import { originGuard } from './origin-guard'
import { precompressedAssets } from './precompressed'
import { securityHeaders } from './security-headers'
import { urlGuard } from './url-guard'
import { metricsEndpoint } from './metrics-endpoint'
import { requestLog } from './request-log'
import { routeLabel } from './route-label'
import { errorMessage, logger } from '../utils/logger.server'

interface Runtime {
  bootstrap(): Promise<{
    port: number
    databaseKind: string
    seededDemo: boolean
    demoAccounts: { email: string; role: string }[]
    demoPassword: string | null
  }>
  httpSettings(): { trustProxy: boolean | number | string; publicOrigin: string | null; mapTileOrigin: string | null; metricsToken: string | null }
  shutdown(): Promise<void>
  withDatabaseOutageAnswers(build: ServerBuild): ServerBuild
  renderMetrics(): Promise<{ contentType: string; body: string }>
}

export async function startServer({ dev }: { dev: boolean }) {
  const started = performance.now()
  let server: Server | null = null
  let runtime: Runtime | null = null
  // Registered before start-up, so that a signal during migration or seeding also
  // closes the database (and releases the PGlite lock) instead of killing it mid-write.
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger().info({ signal }, 'shutting down')
    // Don't wait for idle keep-alive connections: close them and the database, then exit.
    server?.close()
    server?.closeAllConnections()
    setTimeout(() => process.exit(1), 5000).unref()
    ;(runtime?.shutdown() ?? Promise.resolve())
      .then(() => process.exit(0))
      .catch((error) => {
        logger().error({ error: errorMessage(error) }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))

  const app = express()
  app.disable('x-powered-by')

  let getBuild: () => Promise<ServerBuild>
  let vite: { middlewares: express.RequestHandler } | null = null
  if (dev) {
    const { createServer } = await import('vite')
    const viteServer = await createServer({ server: { middlewareMode: true } })
    vite = viteServer
    getBuild = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    const build = (await import(pathToFileURL(resolve('build/server/index.js')).href)) as ServerBuild
    getBuild = async () => build
  }

  runtime = (await getBuild()).entry.module as unknown as Runtime
  const info = await runtime.bootstrap()
  if (stopping) return null
  // Settings come from the validated configuration (env.server), read by bootstrap().
  const http = runtime.httpSettings()
  // Client IPs (rate limits, login throttling) and the forwarded proto/host are only
  // believed from the proxies TRUST_PROXY names.
  app.set('trust proxy', http.trustProxy)
  // One JSON log line per request, and the request metrics, labelled by Remix route id (ADR 014).
  let manifest = (await getBuild()).routes
  app.use(requestLog((pathname) => routeLabel(manifest, pathname)))
  const loadedForMetrics = runtime
  app.use(metricsEndpoint(http.metricsToken, () => loadedForMetrics.renderMetrics()))
  app.use(securityHeaders({ ...http, dev }))
  app.use(originGuard(http.publicOrigin))
  app.use(urlGuard)
  app.use(bodyLimit)
  // HTML and data responses compressed on the fly (brotli when accepted, else gzip);
  // static assets are served from their build-time .br/.gz files below.
  app.use(compression())
  if (vite) {
    app.use(vite.middlewares)
  } else {
    app.use('/assets', precompressedAssets('build/client/assets'), express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
    app.use(express.static('build/client', { maxAge: '1h' }))
  }
  // Every route answers 503 while the database is unavailable (ADR 005).
  const loadedRuntime = runtime
  app.all(
    '*',
    createRequestHandler({
      build: async () => {
        const build = await getBuild()
        manifest = build.routes // dev: the routes may have changed since start-up
        return loadedRuntime.withDatabaseOutageAnswers(build)
      },
      mode: dev ? 'development' : 'production',
      getLoadContext: (req, res) => ({ clientIp: req.ip, cspNonce: res.locals.cspNonce as string | undefined }),
    }),
  )
  app.use(finalErrorHandler)

  server = app.listen(info.port, () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`Melayani is listening on http://localhost:${info.port} (database: ${info.databaseKind}, ready in ${seconds} s)`)
    console.log(describeHeapCap())
    if (info.seededDemo) console.log('Demo data was written into the empty database.')
    if (info.demoPassword) {
      console.log(`Demo staff accounts (password: ${info.demoPassword}):`)
      for (const a of info.demoAccounts) console.log(`  ${a.email.padEnd(32)} ${a.role}`)
    }
  })
  return server
}

if (process.argv.includes('--dev')) {
  await startServer({ dev: true })
}
