// Leaflet, only ever loaded through import() when a map is opened (the /lapor first-load
// budget, ADR 022). Everything here runs in the browser.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png'
import iconUrl from 'leaflet/dist/images/marker-icon.png'
import shadowUrl from 'leaflet/dist/images/marker-shadow.png'
import { findContainingArea, type Point } from '~/domain/geo'
import type { BoundaryFeature } from '~/routes/api.batas-wilayah[.]json'

export interface Tiles {
  url: string
  attribution: string
}

// Leaflet finds its default icon through its CSS path, which a bundler breaks: name the files.
const icon = L.icon({ iconUrl, iconRetinaUrl, shadowUrl, iconSize: [25, 41], iconAnchor: [12, 41], shadowSize: [41, 41] })

function baseMap(element: HTMLElement, tiles: Tiles, centre: Point, zoom: number, onTilesFailed?: () => void) {
  const map = L.map(element, { center: [centre.lat, centre.lng], zoom, scrollWheelZoom: false })
  let failures = 0
  L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 })
    .on('tileerror', () => {
      // One message, not one per tile: the select and address field still work.
      if (++failures === 1) onTilesFailed?.()
    })
    .addTo(map)
  return map
}

export interface PickerOptions {
  tiles: Tiles
  boundaries: BoundaryFeature[]
  start: Point | null
  /** The pin moved (dragged, tapped, located): the kelurahan under it, or null outside the jurisdiction. */
  onPick: (point: Point, kelurahan: { id: number; name: string } | null) => void
  onTilesFailed: () => void
}

export function mountPickerMap(element: HTMLElement, options: PickerOptions) {
  const areas = options.boundaries.map((f) => ({ id: f.id, name: f.properties.name, polygon: f.geometry }))
  const outlines = L.geoJSON(
    { type: 'FeatureCollection', features: options.boundaries } as GeoJSON.FeatureCollection,
    // Drawn lightly: the outlines help, the streets matter.
    { style: { color: '#1d4ed8', weight: 1, opacity: 0.6, fillOpacity: 0.03 }, interactive: false },
  )
  const bounds = outlines.getBounds()
  const centre = options.start ?? (bounds.isValid() ? { lat: bounds.getCenter().lat, lng: bounds.getCenter().lng } : { lat: -2.5, lng: 118 })
  const map = baseMap(element, options.tiles, centre, options.start ? 17 : 13, options.onTilesFailed)
  outlines.addTo(map)
  if (!options.start && bounds.isValid()) map.fitBounds(bounds)
  const marker = L.marker([centre.lat, centre.lng], { icon, draggable: true, keyboard: true, autoPan: true }).addTo(map)

  const pick = (latLng: L.LatLng) => {
    const point = { lat: Number(latLng.lat.toFixed(6)), lng: Number(latLng.lng.toFixed(6)) }
    const found = findContainingArea(areas, point)
    options.onPick(point, found ? { id: found.id, name: found.name } : null)
  }
  marker.on('dragend', () => pick(marker.getLatLng()))
  map.on('click', (e: L.LeafletMouseEvent) => {
    marker.setLatLng(e.latlng)
    pick(e.latlng)
  })

  return {
    /** Moves the pin (e.g. "Gunakan lokasi saya") and reports it like a drag. */
    moveTo(point: Point) {
      const latLng = L.latLng(point.lat, point.lng)
      marker.setLatLng(latLng)
      map.setView(latLng, 17)
      pick(latLng)
    },
    /** Choosing a kelurahan in the select centres the map on it (the pin stays where it is). */
    centreOn(kelurahanId: number) {
      const feature = options.boundaries.find((f) => f.id === kelurahanId)
      if (!feature) return
      const layer = L.geoJSON(feature as GeoJSON.Feature)
      map.fitBounds(layer.getBounds(), { maxZoom: 16 })
    },
    destroy() {
      map.remove()
    },
  }
}

export type PickerMap = ReturnType<typeof mountPickerMap>

/** A small read-only map of one point (rounded on public pages, exact for staff). */
export function mountPointMap(element: HTMLElement, options: { tiles: Tiles; point: Point; radiusMetres?: number }) {
  const map = baseMap(element, options.tiles, options.point, 16)
  if (options.radiusMetres) {
    // A rounded point is only "somewhere around here": show the area, not a pin.
    L.circle([options.point.lat, options.point.lng], { radius: options.radiusMetres, color: '#1d4ed8', weight: 2, fillOpacity: 0.15 }).addTo(map)
  } else {
    L.marker([options.point.lat, options.point.lng], { icon, keyboard: false }).addTo(map)
  }
  return { destroy: () => map.remove() }
}
