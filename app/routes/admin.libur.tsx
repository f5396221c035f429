// Holidays per year (?tahun=YYYY): add, edit (?ubah=id), delete, confirm provisional
// entries and import a CSV (all or nothing). National and cuti bersama rows are shared
// by every jurisdiction of the install (ADR 016); the page says so.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorList, SelectField, TextareaField, TextField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { parseHolidayCsv } from '~/domain/reference-admin'
import { ADMIN_ROLES } from '~/domain/roles'
import { localDate } from '~/domain/sla'
import { HOLIDAY_KINDS } from '~/domain/vocabulary'
import { fill, getDictionary, type Dictionary } from '~/i18n'
import {
  confirmHoliday,
  createHoliday,
  deleteHoliday,
  getHoliday,
  holidayOnDate,
  importHolidays,
  listHolidays,
  updateHoliday,
} from '~/models/admin-holiday.server'
import { getJurisdictionById } from '~/models/reference.server'
import { holidaySchema } from '~/utils/admin-schemas'
import { assertSameOrigin, requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { parseForm } from '~/utils/parse-form'
import { TOO_LARGE } from '~/utils/photo-rules'
import { readRequestForm, stripNul } from '~/utils/request-form.server'

export { noStoreHeaders as headers } from '~/utils/headers'

/** A year's holidays fit in a few KB; the pasted field's own limit is 60,000 characters. */
const CSV_MAX_BYTES = 60_000

function yearFrom(url: URL, fallback: number) {
  const year = Number(url.searchParams.get('tahun'))
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallback
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const url = new URL(request.url)
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const year = yearFrom(url, Number(localDate(new Date(), jurisdiction.time_zone).slice(0, 4)))
  const editId = Number(url.searchParams.get('ubah'))
  const editing = Number.isInteger(editId) && editId > 0 && editId <= 2_147_483_647 ? ((await getHoliday(db, user.jurisdictionId, editId)) ?? null) : null
  return { year, holidays: await listHolidays(db, user.jurisdictionId, year), editing }
}

type Done = 'saved' | 'deleted' | 'confirmed' | 'imported'

function csvMessage(t: Dictionary, problem: string) {
  return t.adminRef.csvProblems[problem as keyof Dictionary['adminRef']['csvProblems']] ?? t.validation.invalidValue
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireStaff(request, ADMIN_ROLES)
  const t = getDictionary(await getLocale(request))
  const db = await getDb()
  // The CSV comes pasted (csv) or as a file (file); a file fills an empty csv field.
  const form = await readRequestForm(request, { files: { field: 'file', max: 1, maxBytes: CSV_MAX_BYTES } })
  const upload = form.get('file')
  form.delete('file')
  if (upload instanceof File && upload.size > 0 && !form.get('csv')) form.set('csv', stripNul(await upload.text()))
  const submission = parseForm(form, holidaySchema(t), t)
  const fail = (intent: string, fieldErrors: Record<string, string[]> = {}, lines: string[] = []) =>
    data({ intent, result: submission.reply({ fieldErrors }), done: null as Done | null, count: 0, lines }, { status: 400 })
  if (upload === TOO_LARGE) return fail('import', { csv: [t.adminRef.csvTooLarge] })
  if (submission.status !== 'success') return fail(String(submission.payload.intent ?? ''))
  const v = submission.value
  const actor = { userId: user.id, jurisdictionId: user.jurisdictionId }
  const ok = (done: Done, count = 1) => ({
    intent: v.intent,
    result: submission.reply({ resetForm: true }),
    done: done as Done | null,
    count,
    lines: [] as string[],
  })
  switch (v.intent) {
    case 'save': {
      if (v.id !== undefined && !(await getHoliday(db, user.jurisdictionId, v.id))) throw new Response('Not found', { status: 404 })
      if (await holidayOnDate(db, user.jurisdictionId, v, v.id)) return fail(v.intent, { date: [t.adminRef.dateTaken] })
      await db.transaction().execute((trx) => (v.id === undefined ? createHoliday(trx, actor, v) : updateHoliday(trx, actor, v.id, v)))
      return ok('saved')
    }
    case 'delete': {
      const gone = await db.transaction().execute((trx) => deleteHoliday(trx, actor, v.id))
      if (!gone) throw new Response('Not found', { status: 404 })
      return ok('deleted')
    }
    case 'confirm': {
      const confirmed = await db.transaction().execute((trx) => confirmHoliday(trx, actor, v.id))
      if (!confirmed) throw new Response('Not found', { status: 404 })
      return ok('confirmed')
    }
    case 'import': {
      const parsed = parseHolidayCsv(v.csv)
      const lines = parsed.errors.map((e) => fill(t.adminRef.csvLine, { line: e.line, problem: csvMessage(t, e.problem) }))
      if (lines.length > 0) return fail(v.intent, { csv: [t.adminRef.csvRejected] }, lines)
      if (parsed.rows.length === 0) return fail(v.intent, { csv: [t.adminRef.csvEmpty] })
      const outcome = await db.transaction().execute((trx) => importHolidays(trx, actor, parsed.rows))
      if (outcome.conflicts.length > 0) {
        return fail(
          v.intent,
          { csv: [t.adminRef.csvRejected] },
          outcome.conflicts.map((line) => fill(t.adminRef.csvLine, { line, problem: t.adminRef.csvProblems.exists })),
        )
      }
      return ok('imported', outcome.imported)
    }
  }
}

export default function Holidays() {
  const { year, holidays, editing } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useLocale()
  const a = t.adminRef
  const [form, fields] = useForm({
    id: `form-holiday-${editing?.id ?? 'new'}`,
    lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
    defaultValue: editing ? { date: editing.date, name: editing.name, kind: editing.kind } : { kind: 'local' },
    onValidate: ({ formData }) => parseForm(formData, holidaySchema(t), t),
    shouldValidate: 'onSubmit',
  })
  const f = fields as unknown as Record<'date' | 'name' | 'kind', Parameters<typeof getInputProps>[0]>
  const [importForm, importFields] = useForm({
    id: 'form-holiday-import',
    lastResult: actionData?.intent === 'import' ? actionData.result : undefined,
  })
  const csv = (importFields as unknown as Record<'csv', Parameters<typeof getTextareaProps>[0]>).csv
  const doneText = { saved: a.saved, deleted: a.deleted, confirmed: a.confirmed, imported: fill(a.imported, { n: actionData?.count ?? 0 }) }
  return (
    <>
      <h1>{fill(a.holidaysHeading, { year })}</h1>
      <p>{a.holidaysShared}</p>
      <p>
        <Link to={`?tahun=${year - 1}`}>← {year - 1}</Link> · <Link to={`?tahun=${year + 1}`}>{year + 1} →</Link>
      </p>
      {actionData?.done ? (
        <p className="notice success" role="status">
          {doneText[actionData.done]}
        </p>
      ) : null}
      {holidays.length === 0 ? (
        <p className="notice">{fill(a.noHolidays, { year })}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{a.date}</th>
                <th scope="col">{a.holidayName}</th>
                <th scope="col">{a.holidayKind}</th>
                <th scope="col">{a.actions}</th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.id}>
                  <td>{h.date}</td>
                  <td>
                    {h.name}
                    {h.provisional ? <strong> · {a.provisional}</strong> : null}
                  </td>
                  <td>{a.holidayKinds[h.kind]}</td>
                  <td>
                    <Link to={`?tahun=${year}&ubah=${h.id}#form-holiday`}>{fill(a.editNamed, { name: h.date })}</Link>
                    {h.provisional ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="confirm" />
                        <input type="hidden" name="id" value={h.id} />
                        <button type="submit" className="link-button">
                          {fill(a.confirmNamed, { name: h.date })}
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={h.id} />
                      <button type="submit" className="link-button">
                        {fill(a.deleteNamed, { name: h.date })}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="form-holiday">{editing ? fill(a.editNamed, { name: editing.date }) : a.holidayNew}</h2>
      <Form method="post" {...getFormProps(form)} noValidate style={{ maxWidth: '32rem' }}>
        <ErrorList errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <TextField {...getInputProps(f.date, { type: 'date' })} id={f.date.id} label={a.date} hint={a.dateHint} errors={f.date.errors} />
        <TextField {...getInputProps(f.name, { type: 'text' })} id={f.name.id} label={a.holidayName} errors={f.name.errors} />
        <SelectField {...getSelectProps(f.kind)} id={f.kind.id} label={a.holidayKind} hint={a.kindHint} errors={f.kind.errors}>
          {HOLIDAY_KINDS.map((k) => (
            <option key={k} value={k}>
              {a.holidayKinds[k]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="primary">
          {a.save}
        </button>
      </Form>

      <h2>{a.importHeading}</h2>
      <Form method="post" encType="multipart/form-data" {...getFormProps(importForm)} style={{ maxWidth: '40rem' }}>
        <input type="hidden" name="intent" value="import" />
        <TextField type="file" name="file" id="holiday-csv-file" accept=".csv,text/csv,text/plain" label={a.csvFile} />
        <TextareaField {...getTextareaProps(csv)} id={csv.id} label={a.csv} hint={a.csvHint} errors={csv.errors} rows={8} />
        {actionData?.intent === 'import' && actionData.lines.length > 0 ? (
          <ul className="field-error" aria-label={a.csvErrors}>
            {actionData.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className="secondary">
          {a.import}
        </button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
