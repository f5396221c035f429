// The public map itself (loaded on demand by public-map-panel.tsx): Leaflet, tiles from
// MAP_TILE_URL, and the markers the server already clustered for the current zoom
// (routes/laporan.peta[.]json.ts), reloaded after each zoom.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import type { MapFeature } from '~/domain/map-clusters'

interface Options {
  dataUrl: string
  reportBase: string
  tiles: string | null
  clusterLabel: (n: number) => string
  onLoaded: (cappedAt: number | undefined) => void
  onError: () => void
}

export function mountMap(element: HTMLElement, o: Options) {
  // Indonesia until the first markers arrive; then the view fits them.
  const map = L.map(element, { preferCanvas: false }).setView([-2.5, 118], 5)
  if (o.tiles) L.tileLayer(o.tiles, { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(map)
  const layer = L.layerGroup().addTo(map)
  let fitted = false
  let request = 0
  const load = async () => {
    const mine = ++request
    const zoom = map.getZoom()
    const separator = o.dataUrl.includes('?') ? '&' : '?'
    try {
      const response = await fetch(`${o.dataUrl}${separator}zoom=${zoom}`, { headers: { Accept: 'application/json' } })
      if (!response.ok) throw new Error(String(response.status))
      const body = (await response.json()) as { features: MapFeature[]; capped: boolean; count: number }
      if (mine !== request) return
      layer.clearLayers()
      for (const f of body.features) layer.addLayer(f.kind === 'cluster' ? clusterMarker(map, f, o) : reportMarker(f, o))
      o.onLoaded(body.capped ? body.count : undefined)
      if (!fitted && body.features.length) {
        fitted = true
        map.fitBounds(L.latLngBounds(body.features.map((f) => [f.lat, f.lng] as [number, number])), { maxZoom: 15, padding: [20, 20] })
      }
    } catch {
      if (mine === request) o.onError()
    }
  }
  map.on('zoomend', () => void load())
  void load()
  return () => {
    map.remove()
  }
}

function clusterMarker(map: L.Map, f: Extract<MapFeature, { kind: 'cluster' }>, o: Options) {
  const icon = L.divIcon({ className: 'map-cluster', html: String(f.count), iconSize: [36, 36] })
  const marker = L.marker([f.lat, f.lng], { icon, title: o.clusterLabel(f.count), alt: o.clusterLabel(f.count), keyboard: true })
  marker.on('click', () => map.setView([f.lat, f.lng], Math.min(map.getZoom() + 2, 19)))
  return marker
}

function reportMarker(f: Extract<MapFeature, { kind: 'report' }>, o: Options) {
  // Built as DOM, not HTML text: the code is data.
  const link = document.createElement('a')
  link.href = `${o.reportBase}/${encodeURIComponent(f.code)}`
  link.textContent = f.code
  return L.circleMarker([f.lat, f.lng], { radius: 8, weight: 2, color: '#0b5394', fillOpacity: 0.6 }).bindPopup(link)
}
