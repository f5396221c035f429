// Access cases of the dashboard and the admin pages: one line per page or form.
import { loader as dashboardLoader } from '~/routes/dasbor'
import { loader as flagsLoader } from '~/routes/dasbor_.tanda'
import { loader as scorecardLoader } from '~/routes/petugas.kinerja'
import { loader as mailLoader } from '~/routes/admin.surat'
import { action as failedAction, loader as failedLoader } from '~/routes/admin.notifikasi'
import { loader as adminHomeLoader } from '~/routes/admin._index'
import { action as unitsAction, loader as unitsLoader } from '~/routes/admin.unit._index'
import { loader as categoriesLoader } from '~/routes/admin.kategori._index'
import { action as rulesAction, loader as rulesLoader } from '~/routes/admin.rute'
import { action as holidaysAction, loader as holidaysLoader } from '~/routes/admin.libur'
import { action as staffAction, loader as staffLoader } from '~/routes/admin.staf._index'
import { action as keysAction, loader as keysLoader } from '~/routes/admin.kunci-api'
import { loader as auditLoader } from '~/routes/admin.audit._index'
import { loader as auditCsvLoader } from '~/routes/admin.audit[.csv]'
import { getRequest, postRequest } from './requests'
import type { PageCase } from './types'

const ADMIN = ['admin'] as const

export const adminPageCases: PageCase[] = [
  { name: 'GET /dasbor', handler: dashboardLoader, request: getRequest('/dasbor'), roles: ['executive', 'admin', 'supervisor'], allowed: 200 },
  // Issue 10 §1 (ADR 031): the flags for executives and the Inspektorat; the scorecard for officers (own), supervisors, executives.
  { name: 'GET /dasbor/tanda', handler: flagsLoader, request: getRequest('/dasbor/tanda'), roles: ['executive', 'inspector'], allowed: 200 },
  {
    name: 'GET /petugas/kinerja',
    handler: scorecardLoader,
    request: getRequest('/petugas/kinerja'),
    roles: ['officer', 'supervisor', 'executive'],
    allowed: 200,
  },
  { name: 'GET /admin/surat', handler: mailLoader, request: getRequest('/admin/surat'), roles: ADMIN, allowed: 200 },
  { name: 'GET /admin/notifikasi', handler: failedLoader, request: getRequest('/admin/notifikasi'), roles: ADMIN, allowed: 200 },
  {
    name: 'POST /admin/notifikasi retry',
    handler: failedAction,
    request: (ctx) => postRequest('/admin/notifikasi', { intent: 'retry', id: 'x' }, ctx),
    roles: ADMIN,
    allowed: 'reached',
  },
  // Administration (issue 7 §2): admins only; every POST below is invalid on purpose ('reached', nothing written).
  { name: 'GET /admin', handler: adminHomeLoader, request: getRequest('/admin'), roles: ADMIN, allowed: 200 },
  { name: 'GET /admin/unit', handler: unitsLoader, request: getRequest('/admin/unit'), roles: ADMIN, allowed: 200 },
  { name: 'POST /admin/unit', handler: unitsAction, request: (ctx) => postRequest('/admin/unit', { name: '' }, ctx), roles: ADMIN, allowed: 'reached' },
  { name: 'GET /admin/kategori', handler: categoriesLoader, request: getRequest('/admin/kategori'), roles: ADMIN, allowed: 200 },
  { name: 'GET /admin/rute', handler: rulesLoader, request: getRequest('/admin/rute'), roles: ADMIN, allowed: 200 },
  {
    name: 'POST /admin/rute save',
    handler: rulesAction,
    request: (ctx) => postRequest('/admin/rute', { intent: 'save' }, ctx),
    roles: ADMIN,
    allowed: 'reached',
  },
  { name: 'GET /admin/libur', handler: holidaysLoader, request: getRequest('/admin/libur'), roles: ADMIN, allowed: 200 },
  {
    name: 'POST /admin/libur save',
    handler: holidaysAction,
    request: (ctx) => postRequest('/admin/libur', { intent: 'save' }, ctx),
    roles: ADMIN,
    allowed: 'reached',
  },
  { name: 'GET /admin/staf', handler: staffLoader, request: getRequest('/admin/staf'), roles: ADMIN, allowed: 200 },
  {
    name: 'POST /admin/staf invite',
    handler: staffAction,
    request: (ctx) => postRequest('/admin/staf', { intent: 'invite' }, ctx),
    roles: ADMIN,
    allowed: 'reached',
  },
  { name: 'GET /admin/kunci-api', handler: keysLoader, request: getRequest('/admin/kunci-api'), roles: ADMIN, allowed: 200 },
  {
    name: 'POST /admin/kunci-api create',
    handler: keysAction,
    request: (ctx) => postRequest('/admin/kunci-api', { intent: 'create' }, ctx),
    roles: ADMIN,
    allowed: 'reached',
  },
  { name: 'GET /admin/audit', handler: auditLoader, request: getRequest('/admin/audit'), roles: ADMIN, allowed: 200 },
  { name: 'GET /admin/audit.csv', handler: auditCsvLoader, request: getRequest('/admin/audit.csv'), roles: ADMIN, allowed: 200 },
]
