import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { canAdminister, canSeeDashboard, canUseQueue } from '~/domain/roles'
import { getDictionary, fill } from '~/i18n'
import styles from '~/styles/app.css?url'
import { getStaffUser } from '~/utils/auth.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { getLocale } from '~/utils/locale.server'
import { useLocale } from '~/utils/locale'
import { useNonce } from '~/utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, jurisdiction] = await Promise.all([getLocale(request), getStaffUser(request), getPublicJurisdiction(request)])
  return {
    locale,
    timeZone: jurisdiction.time_zone,
    jurisdictionName: jurisdiction.name,
    user: user ? { name: user.name, role: user.role } : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = getDictionary(data?.locale ?? 'id')
  return [{ title: t.meta.title }, { name: 'description', content: t.meta.description }]
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, t } = useLocale()
  const nonce = useNonce()
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5394" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t.nav.skipToContent}
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function Header() {
  const data = useLoaderData<typeof loader>()
  const { t } = useLocale()
  const location = useLocation()
  const staff = data.user
  const next = location.pathname + location.search
  return (
    <header className="site-header">
      <div className="wrap header-row">
        <Link to="/" className="brand">
          <span aria-hidden="true">◆</span> Melayani <span className="brand-place">{data.jurisdictionName}</span>
        </Link>
        <nav aria-label="Menu">
          <ul className="nav-list">
            <li>
              <Link to="/lapor">{t.nav.report}</Link>
            </li>
            {staff ? (
              <>
                {canUseQueue(staff.role) ? (
                  <li>
                    <Link to="/petugas">{t.nav.staff}</Link>
                  </li>
                ) : null}
                {canSeeDashboard(staff.role) ? (
                  <li>
                    <Link to="/dasbor">{t.nav.dashboard}</Link>
                  </li>
                ) : null}
                {canAdminister(staff.role) ? (
                  <li>
                    <Link to="/admin">{t.nav.admin}</Link>
                  </li>
                ) : null}
                <li>
                  <Link to="/petugas/akun">{t.nav.account}</Link>
                </li>
                <li>
                  <Form method="post" action="/keluar">
                    <button type="submit" className="link-button" title={fill(t.nav.signedInAs, { name: staff.name })}>
                      {t.nav.logout}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <li>
                <Link to="/masuk">{t.nav.login}</Link>
              </li>
            )}
            <li>
              <a href={`/bahasa?lang=${t.nav.switchToLang}&next=${encodeURIComponent(next)}`} lang={t.nav.switchToLang} hrefLang={t.nav.switchToLang}>
                {t.nav.switchTo}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}

function Footer() {
  const { t } = useLocale()
  return (
    <footer className="site-footer">
      <div className="wrap">
        <p>
          <strong>{t.footer.motto}</strong> {t.footer.emergency}
        </p>
        <p className="muted small">{t.footer.dataNote}</p>
      </div>
    </footer>
  )
}

export default function App() {
  return (
    <>
      <Header />
      <main id="main" className="wrap" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  )
}

export function ErrorBoundary() {
  return (
    <main id="main" className="wrap">
      <GeneralErrorBoundary />
    </main>
  )
}
