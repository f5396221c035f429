// Remix options for Melayani: the single source of truth.
// NOTE: with Vite, the Remix plugin does NOT read this file by itself.
// vite.config.ts imports it and passes it to `vitePlugin(...)`.

/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/.*'],
  serverModuleFormat: 'esm',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
