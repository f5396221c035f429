// A small map of a report's point on /laporan/{code} (rounded) and the staff report page
// (exact), with a link to open it in a maps app. Without JavaScript only the link shows;
// with it, Leaflet loads lazily after the page (never in the first load).
import { useEffect, useRef, useState } from 'react'
import type { Point } from '~/domain/geo'
import { mapAppLink } from '~/domain/nearby'
import { useLocale } from '~/utils/locale'
import type { Tiles } from './leaflet-map.client'

/** A rounded public point is drawn as a circle of about this radius, not as a pin. */
const ROUNDED_RADIUS_METRES = 100

export function PointMap({ tiles, point, rounded, link = true }: { tiles: Tiles; point: Point; rounded: boolean; link?: boolean }) {
  const { t } = useLocale()
  const container = useRef<HTMLDivElement>(null)
  // Sized only once JavaScript runs (no blank box without it); Leaflet mounts after that render.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  useEffect(() => {
    const element = container.current
    if (!hydrated || !element) return
    let destroy: (() => void) | null = null
    let cancelled = false
    import('./leaflet-map.client')
      .then((leaflet) => {
        if (cancelled) return
        destroy = leaflet.mountPointMap(element, { tiles, point, radiusMetres: rounded ? ROUNDED_RADIUS_METRES : undefined }).destroy
      })
      .catch(() => undefined) // The link below still works.
    return () => {
      cancelled = true
      destroy?.()
    }
  }, [hydrated, tiles, point.lat, point.lng, rounded]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="point-map">
      <div ref={container} className={hydrated ? 'map map-small' : undefined} role="region" aria-label={t.citizen.pointMapLabel} data-testid="point-map" />
      {rounded ? <p className="hint small">{t.citizen.pointMapRounded}</p> : null}
      {link ? (
        <p>
          <a href={mapAppLink(point)} rel="noopener noreferrer" target="_blank">
            {t.citizen.openInMapApp}
          </a>
        </p>
      ) : null}
    </div>
  )
}
