// Remix options for Melayani: the single source of truth.
// NOTE: with Vite, the Remix plugin does NOT read this file by itself.
// vite.config.ts imports it and passes it to `vitePlugin(...)`.

/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/.*'],
  serverModuleFormat: 'esm',
  // Every public page also under `/{jurisdiction}/…` (several cities in one install,
  // ADR 023): the same route modules under a layout that 404s unknown slugs. Real routes
  // (not a rewrite), so the browser's router matches the prefixed URL when it hydrates.
  routes(defineRoutes) {
    return defineRoutes((route) => {
      route(':jurisdiction', 'layouts/jurisdiction-prefix.tsx', { id: 'prefixed' }, () => {
        route('', 'routes/_index.tsx', { index: true, id: 'prefixed/_index' })
        for (const [path, file] of [
          ['lapor', 'lapor.tsx'],
          ['lacak', 'lacak.tsx'],
          ['laporan', 'laporan._index.tsx'],
          ['laporan.csv', 'laporan[.]csv.ts'],
          ['laporan/peta.json', 'laporan.peta[.]json.ts'],
          ['laporan/:code', 'laporan.$code.tsx'],
          ['api/kelurahan', 'api.kelurahan.ts'],
          ['api/batas-wilayah.json', 'api.batas-wilayah[.]json.ts'],
          ['api/laporan-terdekat', 'api.laporan-terdekat.ts'],
        ]) {
          route(path, `routes/${file}`, { id: `prefixed/${file.replace(/\.tsx?$/, '')}` })
        }
      })
    })
  },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
