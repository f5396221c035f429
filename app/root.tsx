import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import type { ClientLoaderFunctionArgs } from '@remix-run/react'
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useMatches } from '@remix-run/react'
import { DraftNotices } from '~/components/draft-notices'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { canAdminister, canSeeDashboard, canUseQueue } from '~/domain/roles'
import { getDictionary, fill, loadDictionary } from '~/i18n'
import styles from '~/styles/app.css?url'
import { getStaffUser } from '~/utils/auth.server'
import { isStaffPath } from '~/domain/jurisdiction-resolution'
import { getJurisdictionById } from '~/models/reference.server'
import { getDb } from '~/utils/db.server'
import { resolvePublic } from '~/utils/jurisdiction.server'
import { usePublicHref } from '~/utils/public-href'
import { getLocale } from '~/utils/locale.server'
import { useLocale } from '~/utils/locale'
import { useNonce } from '~/utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, resolved] = await Promise.all([getLocale(request), getStaffUser(request), resolvePublic(request)])
  // Staff pages belong to the signed-in user's jurisdiction (the Madiun admin's header says
  // Kota Madiun); public pages to the one the URL or host chose (ADR 023).
  const staffPage = user !== null && isStaffPath(new URL(request.url).pathname)
  const jurisdiction = staffPage && user ? await getJurisdictionById(await getDb(), user.jurisdictionId) : resolved.jurisdiction
  return {
    locale,
    timeZone: jurisdiction.time_zone,
    jurisdictionName: jurisdiction.name,
    publicPrefix: staffPage ? '' : resolved.resolution.prefix,
    user: user ? { name: user.name, role: user.role } : null,
  }
}

// Signing in moves to a staff page without a full page load: fetch the staff text before
// it renders (entry.client does the same for a first load; ADR 028).
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>()
  if (data.user) await loadDictionary(data.locale, true)
  return data
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = getDictionary(data?.locale ?? 'id')
  return [{ title: t.meta.title }, { name: 'description', content: t.meta.description }]
}

const STAFF_TEXT_ROUTES = ['routes/transparansi', 'routes/akun.sandi']

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, t } = useLocale()
  const nonce = useNonce()
  // Tells entry.client to load the staff text before hydrating (ADR 028): staff signed in,
  // /transparansi, whose charts share the dashboard's text, and /akun/sandi, where invited
  // staff set a password before they have a session.
  const matches = useMatches()
  const staffText = matches.some((m) => STAFF_TEXT_ROUTES.includes(m.id) || (m.id === 'root' && (m.data as { user?: unknown } | undefined)?.user))
  return (
    <html lang={locale} data-staff-text={staffText ? '' : undefined}>
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
  const home = usePublicHref('/')
  const report = usePublicHref('/lapor')
  const list = usePublicHref('/laporan')
  return (
    <header className="site-header">
      <div className="wrap header-row">
        <Link to={home} className="brand">
          <JurisdictionLogo name={data.jurisdictionName} /> Melayani <span className="brand-place">{data.jurisdictionName}</span>
        </Link>
        <nav aria-label="Menu">
          <ul className="nav-list">
            <li>
              <Link to={report}>{t.nav.report}</Link>
            </li>
            <li>
              <Link to={list}>{t.publicList.navLink}</Link>
            </li>
            {staff ? (
              <>
                {canUseQueue(staff.role) ? (
                  <li>
                    <Link to="/petugas">{t.nav.staff}</Link>
                  </li>
                ) : null}
                {staff.role === 'officer' ? (
                  <li>
                    <Link to="/petugas/kinerja">{t.nav.myPerformance}</Link>
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

/** The jurisdiction's mark: its initials (no logo files are stored yet; ADR 023). */
function JurisdictionLogo({ name }: { name: string }) {
  const initials = name
    .replace(/^(kota|kabupaten|kab\.)\s+/i, '')
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
  return (
    <span className="brand-logo" aria-hidden="true">
      {initials || '◆'}
    </span>
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
        <DraftNotices />
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
