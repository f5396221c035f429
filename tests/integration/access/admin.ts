// Access cases of the dashboard and the admin pages. Other admin routes (/admin/unit,
// /admin/kategori, /admin/rute, /admin/libur, /admin/staf, /admin/kunci-api, /admin/audit)
// add one line each here.
import { loader as dashboardLoader } from '~/routes/dasbor'
import { loader as mailLoader } from '~/routes/admin.surat'
import { action as failedAction, loader as failedLoader } from '~/routes/admin.notifikasi'
import { getRequest, postRequest } from './requests'
import type { PageCase } from './types'

const ADMIN = ['admin'] as const

export const adminPageCases: PageCase[] = [
  { name: 'GET /dasbor', handler: dashboardLoader, request: getRequest('/dasbor'), roles: ['executive', 'admin', 'supervisor'], allowed: 200 },
  { name: 'GET /admin/surat', handler: mailLoader, request: getRequest('/admin/surat'), roles: ADMIN, allowed: 200 },
  { name: 'GET /admin/notifikasi', handler: failedLoader, request: getRequest('/admin/notifikasi'), roles: ADMIN, allowed: 200 },
  {
    name: 'POST /admin/notifikasi retry',
    handler: failedAction,
    request: (ctx) => postRequest('/admin/notifikasi', { intent: 'retry', id: 'x' }, ctx),
    roles: ADMIN,
    allowed: 'reached',
  },
]
