// "Peta" on /laporan: a <details> that loads Leaflet and the markers only when it is
// opened (a separate chunk: nothing of it counts against the list's first load).
// Without JavaScript it opens to a note; the list below is the same reports.
import { useEffect, useRef, useState } from 'react'
import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'
import { usePublicHref } from '~/utils/public-href'

export function PublicMapPanel({ search, tiles }: { search: string; tiles: string | null }) {
  const { t } = useLocale()
  const [open, setOpen] = useState(false)
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return (
    <details className="map-panel" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t.publicList.mapSummary}</summary>
      {hydrated && open ? <LazyMap search={search} tiles={tiles} /> : <p className="muted">{t.publicList.mapNeedsJs}</p>}
    </details>
  )
}

function LazyMap({ search, tiles }: { search: string; tiles: string | null }) {
  const { t } = useLocale()
  const element = useRef<HTMLDivElement>(null)
  const dataUrl = usePublicHref('/laporan/peta.json') + search
  const reportBase = usePublicHref('/laporan')
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; capped?: number }>({ status: 'loading' })
  useEffect(() => {
    let cleanup: (() => void) | null = null
    let cancelled = false
    import('./public-map.client')
      .then(({ mountMap }) => {
        if (cancelled || !element.current) return
        cleanup = mountMap(element.current, {
          dataUrl,
          reportBase,
          tiles,
          clusterLabel: (n) => fill(t.publicList.mapCluster, { n }),
          onLoaded: (capped) => setState({ status: 'ready', capped }),
          onError: () => setState({ status: 'error' }),
        })
      })
      .catch(() => setState({ status: 'error' }))
    return () => {
      cancelled = true
      cleanup?.()
    }
  }, [dataUrl, reportBase, tiles, t])
  return (
    <>
      <p className="small muted" role="status">
        {state.status === 'loading' ? t.publicList.mapLoading : null}
        {state.status === 'error' ? t.publicList.mapError : null}
        {state.status === 'ready' && state.capped ? fill(t.publicList.mapCapped, { n: state.capped }) : null}
      </p>
      {tiles ? null : <p className="small muted">{t.publicList.mapNoTiles}</p>}
      <div ref={element} className="public-map" data-testid="public-map" />
      <p className="small muted">{t.publicList.mapNote}</p>
    </>
  )
}
