// Admins: the audit trail of the jurisdiction, newest first, 50 a page with the true
// total; filters (actor, kind, object, dates in the jurisdiction's zone) live in the URL.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SelectField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { AUDIT_PARAMS, auditQueryString, parseAuditQuery } from '~/domain/audit-filters'
import { ADMIN_ROLES } from '~/domain/roles'
import { AUDIT_ENTITIES, AUDIT_KINDS } from '~/domain/vocabulary'
import { fill } from '~/i18n'
import { countAudit, listAudit, listAuditActors } from '~/models/audit.server'
import { getJurisdictionById } from '~/models/reference.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

const PAGE_SIZE = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const { query, badDate } = parseAuditQuery(new URL(request.url).searchParams)
  const jurisdiction = await getJurisdictionById(db, admin.jurisdictionId)
  const scope = { id: admin.jurisdictionId, timeZone: jurisdiction?.time_zone ?? 'Asia/Jakarta' }
  const [total, rows, actors] = await Promise.all([
    countAudit(db, scope, query),
    listAudit(db, scope, query, { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    listAuditActors(db, admin.jurisdictionId),
  ])
  return { total, rows, actors, query, badDate, timeZone: scope.timeZone, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) }
}

/** before → after, one line per changed key, readable without knowing JSON. */
function Change({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  if (keys.length === 0) return <>–</>
  const show = (value: unknown) => (value === undefined ? '–' : JSON.stringify(value))
  return (
    <ul className="audit-change">
      {keys.map((key) => (
        <li key={key}>
          <code>{key}</code>: {before ? `${show(before[key])} → ` : ''}
          {show(after?.[key])}
        </li>
      ))}
    </ul>
  )
}

export default function AuditLog() {
  const { total, rows, actors, query, badDate, timeZone, pages } = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const a = t.audit
  return (
    <>
      <h1>{a.heading}</h1>
      <p>{a.intro}</p>
      <Form method="get" className="filters">
        <SelectField id="audit-actor" name={AUDIT_PARAMS.actor} label={a.actor} defaultValue={query.actorUserId ?? ''}>
          <option value="">{a.all}</option>
          {actors.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </SelectField>
        <SelectField id="audit-kind" name={AUDIT_PARAMS.kind} label={a.kind} defaultValue={query.kind ?? ''}>
          <option value="">{a.all}</option>
          {AUDIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {a.kinds[k]}
            </option>
          ))}
        </SelectField>
        <SelectField id="audit-entity" name={AUDIT_PARAMS.entity} label={a.entity} defaultValue={query.entity ?? ''}>
          <option value="">{a.all}</option>
          {AUDIT_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {a.entities[e]}
            </option>
          ))}
        </SelectField>
        <TextField
          id="audit-from"
          name={AUDIT_PARAMS.from}
          type="date"
          label={a.from}
          defaultValue={query.from ?? ''}
          errors={badDate ? [a.badDate] : undefined}
        />
        <TextField id="audit-to" name={AUDIT_PARAMS.to} type="date" label={a.to} defaultValue={query.to ?? ''} />
        <button type="submit" className="secondary">
          {a.filter}
        </button>
      </Form>
      <p>
        <span role="status">{fill(a.total, { count: total })}</span> · <a href={`/admin/audit.csv${auditQueryString({ ...query, page: 1 })}`}>{a.csv}</a>
      </p>
      {rows.length === 0 ? (
        <p className="notice">{a.empty}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={a.heading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{a.colTime}</th>
                <th scope="col">{a.colActor}</th>
                <th scope="col">{a.colKind}</th>
                <th scope="col">{a.colEntity}</th>
                <th scope="col">{a.colSubject}</th>
                <th scope="col">{a.colChange}</th>
                <th scope="col">{a.colIp}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.created_at, locale, timeZone)}</td>
                  <td>{r.actor_name ?? a.system}</td>
                  <td>{a.kinds[r.kind]}</td>
                  <td>{r.entity ? `${a.entities[r.entity]}${r.entity_id ? ` #${r.entity_id}` : ''}` : '–'}</td>
                  <td>{r.subject ?? '–'}</td>
                  <td>
                    <Change before={r.before} after={r.after} />
                  </td>
                  <td>{r.ip ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={fill(a.page, { page: query.page, pages })}>
          <p>
            {query.page > 1 ? <Link to={auditQueryString({ ...query, page: query.page - 1 }) || '?'}>{a.previous}</Link> : null}{' '}
            {fill(a.page, { page: query.page, pages })}{' '}
            {query.page < pages ? <Link to={auditQueryString({ ...query, page: query.page + 1 })}>{a.next}</Link> : null}
          </p>
        </nav>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
