// The equity map itself (loaded with import() by choropleth.tsx once the page has
// hydrated): the kelurahan outlines from /api/batas-wilayah.json filled with the class
// colours the server already decided. No tiles: the colours must read on their own.
// A still picture (no pan, zoom or keyboard stops): the table beside it is the
// accessible, exact version.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import type { BoundaryFeature } from '~/routes/api.batas-wilayah[.]json'

export async function mountChoropleth(
  element: HTMLElement,
  o: { url: string; classes: Record<string, number | null>; colours: readonly string[]; noData: string },
) {
  const response = await fetch(o.url, { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(String(response.status))
  const body = (await response.json()) as { features: BoundaryFeature[] }
  const map = L.map(element, {
    zoomControl: false,
    attributionControl: false,
    keyboard: false,
    dragging: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    touchZoom: false,
  })
  const layer = L.geoJSON({ type: 'FeatureCollection', features: body.features } as GeoJSON.FeatureCollection, {
    interactive: false,
    style: (feature) => {
      const cls = o.classes[String(feature?.id)] ?? null
      return { color: '#333333', weight: 1, fillColor: cls === null ? o.noData : o.colours[cls], fillOpacity: cls === null ? 0.4 : 0.9 }
    },
  }).addTo(map)
  const bounds = layer.getBounds()
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [4, 4] })
  element.dataset.areas = String(body.features.length)
  return () => map.remove()
}
