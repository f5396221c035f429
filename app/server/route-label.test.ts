import type { ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { ASSET_ROUTE, routeLabel, UNMATCHED_ROUTE } from './route-label'

const route = (id: string, path: string | undefined, extra: { index?: boolean; parentId?: string } = {}) => ({
  id,
  path,
  parentId: extra.parentId ?? 'root',
  index: extra.index,
  caseSensitive: undefined,
  module: {},
})

const manifest = {
  root: { ...route('root', ''), parentId: undefined },
  'routes/_index': route('routes/_index', undefined, { index: true }),
  'routes/laporan.$code': route('routes/laporan.$code', 'laporan/:code'),
  'routes/petugas._index': route('routes/petugas._index', 'petugas', { index: true }),
  'routes/petugas.laporan.$code': route('routes/petugas.laporan.$code', 'petugas/laporan/:code'),
} as unknown as ServerBuild['routes']

describe('routeLabel', () => {
  it('labels by route id, so every report shares one label', () => {
    expect(routeLabel(manifest, '/laporan/MLG-2026-000001')).toBe('routes/laporan.$code')
    expect(routeLabel(manifest, '/laporan/MLG-2026-000002')).toBe('routes/laporan.$code')
    expect(routeLabel(manifest, '/petugas/laporan/X')).toBe('routes/petugas.laporan.$code')
    expect(routeLabel(manifest, '/')).toBe('routes/_index')
  })

  it('gives static assets and unknown paths one label each', () => {
    expect(routeLabel(manifest, '/assets/entry.client-abc.js')).toBe(ASSET_ROUTE)
    expect(routeLabel(manifest, '/wp-admin/x')).toBe(UNMATCHED_ROUTE)
    expect(routeLabel(manifest, '/lainnya/123')).toBe(UNMATCHED_ROUTE)
  })
})
