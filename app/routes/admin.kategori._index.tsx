// Categories of the admin's jurisdiction, with a link to add one.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ADMIN_ROLES } from '~/domain/roles'
import { listCategories } from '~/models/admin-category.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  return { categories: await listCategories(await getDb(), user.jurisdictionId) }
}

export default function Categories() {
  const { categories } = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const a = t.adminRef
  return (
    <>
      <h1>{a.categoriesHeading}</h1>
      <p>
        <Link to="/admin/kategori/baru" className="button">
          {a.categoryNew}
        </Link>
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{a.categoryName}</th>
              <th scope="col">{a.categoryCode}</th>
              <th scope="col">{a.defaultUnit}</th>
              <th scope="col">{a.status}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.icon ? <span aria-hidden="true">{c.icon} </span> : null}
                  <Link to={`/admin/kategori/${c.id}`}>{locale === 'en' ? c.name_en : c.name_id}</Link>
                </td>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{c.default_unit_name ?? '—'}</td>
                <td>
                  {c.active ? a.active : a.inactive}
                  {c.is_misconduct ? ` · ${a.misconduct}` : ''}
                  {c.is_emergency ? ` · ${a.emergency}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
