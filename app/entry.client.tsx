import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { loadDictionary } from '~/i18n/client'
import { isLocale } from '~/i18n/locales'

// Our CSP forbids eval. Zod would probe for it with `new Function` (caught, but the
// browser still reports a CSP violation); jitless skips the probe. Set through the
// global Zod reads its configuration from, so the home page need not load Zod itself.
// Mutated in place: route modules (evaluated before this one) may already hold it.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
;(zodGlobal.__zod_globalConfig ??= {}).jitless = true

// Any photo input marked data-downscale gets its photos downscaled on the phone before
// they are sent (ADR 028); the code loads when such an input changes.
document.addEventListener('change', (event) => {
  const input = event.target
  if (input instanceof HTMLInputElement && input.type === 'file' && input.hasAttribute('data-downscale') && input.files?.length) {
    void import('~/utils/photo-downscale.client').then((m) => m.downscaleInput(input))
  }
})

// Only the page's language is loaded (ADR 028); English is fetched before hydrating, and
// so are the staff sections when root marks the page data-staff-text.
const lang = document.documentElement.lang
const staff = document.documentElement.hasAttribute('data-staff-text')
void loadDictionary(isLocale(lang) ? lang : 'id', staff).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  }),
)
