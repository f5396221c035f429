import { vitePlugin as remix } from '@remix-run/dev'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

const alias = {
  '~': fileURLToPath(new URL('./app', import.meta.url)),
  '#db': fileURLToPath(new URL('./db', import.meta.url)),
}

/**
 * Writes `.br` (quality 11) and `.gz` (level 9) beside each client JS/CSS/SVG file of
 * the build, once, so the server sends them without compressing per request
 * (app/server/precompressed.ts serves them).
 */
function precompress(): Plugin {
  let ssr = false
  return {
    name: 'melayani-precompress',
    apply: 'build',
    configResolved(config) {
      ssr = Boolean(config.build.ssr)
    },
    writeBundle(options, bundle) {
      if (ssr || !options.dir) return
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|mjs|css|svg|json)$/.test(fileName)) continue
        const path = join(options.dir, fileName)
        const source = readFileSync(path)
        if (source.length < 1024) continue
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
        )
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }))
      }
    },
  }
}

/**
 * The browser gets app/i18n/client.ts for ~/i18n: one dictionary in the bundle, the
 * other loaded on demand (ADR 028). The server and the tests keep app/i18n/index.ts.
 */
function clientDictionaries(): Plugin {
  const index = fileURLToPath(new URL('./app/i18n/index.ts', import.meta.url))
  const client = fileURLToPath(new URL('./app/i18n/client.ts', import.meta.url))
  return {
    name: 'melayani-client-dictionaries',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (options?.ssr || !source.includes('i18n') || importer === client) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved?.id === index ? client : null
    },
  }
}

export default defineConfig(({ mode }) => ({
  resolve: { alias },
  // PGlite ships WASM and data files it loads relative to its own module: keep it external.
  ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'pg', 'sharp'] },
  build: { target: 'es2022' },
  plugins: mode === 'test' ? [] : [clientDictionaries(), remix(remixConfig), precompress()],
}))
