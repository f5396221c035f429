// "Pilih di peta" on /lapor. Only the button is in the page's first load: Leaflet, its
// CSS and the kelurahan outlines arrive through import() and fetch when it is pressed
// (ADR 022). Without JavaScript, or if any of that fails, the kelurahan select and the
// address field below do the job.
import { useEffect, useRef, useState } from 'react'
import type { Point } from '~/domain/geo'
import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'
import { usePublicHref } from '~/utils/public-href'
import type { BoundaryFeature } from '~/routes/api.batas-wilayah[.]json'
import type { PickerMap, Tiles } from './leaflet-map.client'

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'picked'; name: string } | { kind: 'outside' } | { kind: 'denied' }

export function MapPicker({
  tiles,
  jurisdictionName,
  point,
  selectedKelurahanId,
  onPick,
}: {
  tiles: Tiles
  jurisdictionName: string
  point: Point | null
  selectedKelurahanId: number | null
  onPick: (point: Point, kelurahanId: number | null) => void
}) {
  const { t } = useLocale()
  const [hydrated, setHydrated] = useState(false)
  // The boundaries of the city this page is for (/kota-madiun/lapor draws Madiun's).
  const boundariesUrl = usePublicHref('/api/batas-wilayah.json')
  const [open, setOpen] = useState(false)
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const [tilesFailed, setTilesFailed] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const map = useRef<PickerMap | null>(null)
  // The kelurahan the pin chose: the select then shows it, and the map must not re-centre.
  const picked = useRef<number | null>(null)
  const onPickRef = useRef(onPick)
  onPickRef.current = onPick
  const startRef = useRef(point)
  startRef.current = point

  useEffect(() => setHydrated(true), [])

  useEffect(() => {
    if (!open || !container.current) return
    let cancelled = false
    setStatus({ kind: 'loading' })
    const element = container.current
    Promise.all([
      import('./leaflet-map.client'),
      fetch(boundariesUrl).then((r) => {
        if (!r.ok) throw new Error(`boundaries: ${r.status}`)
        return r.json() as Promise<{ features: BoundaryFeature[] }>
      }),
    ])
      .then(([leaflet, boundaries]) => {
        if (cancelled) return
        map.current = leaflet.mountPickerMap(element, {
          tiles,
          boundaries: boundaries.features,
          start: startRef.current,
          onTilesFailed: () => setTilesFailed(true),
          onPick: (p, kelurahan) => {
            picked.current = kelurahan?.id ?? null
            setStatus(kelurahan ? { kind: 'picked', name: kelurahan.name } : { kind: 'outside' })
            onPickRef.current(p, kelurahan?.id ?? null)
          },
        })
        setStatus({ kind: 'idle' })
      })
      .catch(() => !cancelled && setStatus({ kind: 'failed' }))
    return () => {
      cancelled = true
      map.current?.destroy()
      map.current = null
    }
  }, [open, tiles, boundariesUrl])

  useEffect(() => {
    if (selectedKelurahanId !== null && selectedKelurahanId !== picked.current) map.current?.centreOn(selectedKelurahanId)
  }, [selectedKelurahanId])

  if (!hydrated) return null

  const locate = () => {
    navigator.geolocation.getCurrentPosition(
      (position) => map.current?.moveTo({ lat: position.coords.latitude, lng: position.coords.longitude }),
      () => setStatus({ kind: 'denied' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }
  const message =
    status.kind === 'loading'
      ? t.citizen.mapLoading
      : status.kind === 'failed'
        ? t.citizen.mapFailed
        : status.kind === 'picked'
          ? fill(t.citizen.mapPicked, { name: status.name })
          : status.kind === 'outside'
            ? fill(t.citizen.mapOutside, { jurisdiction: jurisdictionName })
            : status.kind === 'denied'
              ? t.citizen.mapLocateDenied
              : open
                ? t.citizen.mapHint
                : null
  return (
    <div className="field map-picker">
      <button type="button" className="secondary" aria-expanded={open} aria-controls="map-picker-panel" onClick={() => setOpen(!open)}>
        {open ? t.citizen.mapClose : t.citizen.mapOpen}
      </button>
      <div id="map-picker-panel" hidden={!open}>
        {open && 'geolocation' in navigator ? (
          <button type="button" className="secondary small" onClick={locate}>
            {t.citizen.mapLocate}
          </button>
        ) : null}
        <div ref={container} className="map map-large" role="region" aria-label={t.citizen.mapLabel} data-testid="map-picker" />
        {tilesFailed ? <p className="hint">{t.citizen.mapTilesFailed}</p> : null}
      </div>
      <p className={status.kind === 'outside' || status.kind === 'failed' ? 'hint warning' : 'hint'} role="status" aria-live="polite" data-testid="map-status">
        {message}
      </p>
    </div>
  )
}
