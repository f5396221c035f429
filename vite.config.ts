import { vitePlugin as remix } from '@remix-run/dev'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
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

export default defineConfig(({ mode }) => ({
  resolve: { alias },
  // PGlite ships WASM and data files it loads relative to its own module: keep it external.
  ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'pg', 'sharp'] },
  build: { target: 'es2022' },
  plugins: mode === 'test' ? [] : [remix(remixConfig)],
}))
