// Access cases of the staff routes: the queue, the report page and each of its action
// intents, templates, notification preferences, the account page.
import { action as reportAction, loader as reportLoader } from '~/routes/petugas.laporan.$code'
import { loader as queueLoader } from '~/routes/petugas._index'
import { action as templateAction, loader as templateLoader } from '~/routes/petugas.templat'
import { action as prefsAction, loader as prefsLoader } from '~/routes/petugas.pemberitahuan'
import { action as accountAction, loader as accountLoader } from '~/routes/petugas.akun'
import { getRequest, postRequest } from './requests'
import type { PageCase, ReportCase, ReportContext } from './types'

const QUEUE = ['officer', 'supervisor', 'inspector', 'admin'] as const
const SUPERVISING = ['supervisor', 'inspector', 'admin'] as const
const EVERY_STAFF = ['officer', 'supervisor', 'inspector', 'admin', 'executive'] as const

export const staffPageCases: PageCase[] = [
  { name: 'GET /petugas', handler: queueLoader, request: getRequest('/petugas'), roles: QUEUE, allowed: 200 },
  { name: 'GET /petugas/templat', handler: templateLoader, request: getRequest('/petugas/templat'), roles: SUPERVISING, allowed: 200 },
  {
    name: 'POST /petugas/templat create',
    handler: templateAction,
    request: (ctx) => postRequest('/petugas/templat', { intent: 'create', title: '', body: '' }, ctx),
    roles: SUPERVISING,
    allowed: 'reached',
  },
  {
    name: 'POST /petugas/templat update',
    handler: templateAction,
    request: (ctx) => postRequest('/petugas/templat', { intent: 'update', id: '1', title: '', body: '' }, ctx),
    roles: SUPERVISING,
    allowed: 'reached',
  },
  {
    name: 'POST /petugas/templat delete',
    handler: templateAction,
    request: (ctx) => postRequest('/petugas/templat', { intent: 'delete', id: 'x' }, ctx),
    roles: SUPERVISING,
    allowed: 'reached',
  },
  { name: 'GET /petugas/pemberitahuan', handler: prefsLoader, request: getRequest('/petugas/pemberitahuan'), roles: QUEUE, allowed: 200 },
  {
    name: 'POST /petugas/pemberitahuan notify_mode',
    handler: prefsAction,
    request: (ctx) => postRequest('/petugas/pemberitahuan', { intent: 'notify_mode', mode: 'x' }, ctx),
    roles: QUEUE,
    allowed: 'reached',
  },
  {
    name: 'POST /petugas/pemberitahuan channels',
    handler: prefsAction,
    request: (ctx) => postRequest('/petugas/pemberitahuan', { intent: 'channels', whatsapp: 'on' }, ctx),
    roles: QUEUE,
    allowed: 'reached',
  },
  { name: 'GET /petugas/akun', handler: accountLoader, request: getRequest('/petugas/akun'), roles: EVERY_STAFF, allowed: 200 },
  {
    name: 'POST /petugas/akun password',
    handler: accountAction,
    request: (ctx) => postRequest('/petugas/akun', { intent: 'password', current: 'x', next: 'short', repeat: 'short' }, ctx),
    roles: EVERY_STAFF,
    allowed: 'reached',
  },
]

/** A POST to the report page with a stale version: past the gates it can only be refused (400/409). */
function act(intent: string, fields: (ctx: ReportContext) => Record<string, string> = () => ({})): ReportCase {
  return {
    name: `POST /petugas/laporan/$code ${intent}`,
    handler: reportAction,
    kind: 'act',
    request: (ctx) => postRequest(`/petugas/laporan/${ctx.code}`, { intent, version: String(ctx.version + 1000), ...fields(ctx) }, ctx),
  }
}

export const staffReportCases: ReportCase[] = [
  { name: 'GET /petugas?q=$code (listed in the queue)', handler: queueLoader, kind: 'queue', request: (ctx) => getRequest(`/petugas?q=${ctx.code}`)(ctx) },
  { name: 'GET /petugas/laporan/$code', handler: reportLoader, kind: 'read', request: (ctx) => getRequest(`/petugas/laporan/${ctx.code}`)(ctx) },
  act('verify'),
  act('start'),
  act('resolve', () => ({ body: 'Selesai.' })),
  act('reject', () => ({ reason: 'spam', body: 'Bukan laporan.' })),
  act('transfer', () => ({ toUnitId: '1', body: 'Salah kamar.' })),
  act('public_update', () => ({ body: 'Kabar.' })),
  act('internal_note', () => ({ body: 'Catatan.' })),
  act('claim'),
  act('assign', (ctx) => ({ assigneeId: String(ctx.someOfficerId) })),
  act('mark_duplicate', (ctx) => ({ originalId: String(ctx.reportId) })),
  act('propose_reject', () => ({ reason: 'spam' })),
  act('dismiss_reject_proposal'),
]
