import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'

// Our CSP forbids eval. Zod would probe for it with `new Function` (caught, but the
// browser still reports a CSP violation); jitless skips the probe. Set through the
// global Zod reads its configuration from, so the home page need not load Zod itself.
// Mutated in place: route modules (evaluated before this one) may already hold it.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
;(zodGlobal.__zod_globalConfig ??= {}).jitless = true

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  )
})
