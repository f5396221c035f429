// Administrative areas (kecamatan and kelurahan) for the seeded jurisdictions.
//
// Kelurahan polygons and centroids come from cahyadsn/wilayah_boundaries (MIT), copied into
// ./geo/*.json with coordinates rounded to 6 decimals (~0.1 m). Codes and names come from
// idn-area-data (ODbL), embedded in ./wilayah.ts. See ATTRIBUTION.md.
//
// Names: the Kemendagri (CSV) name is used for every area. When this file was written all 84
// kelurahan names in the GeoJSON matched the CSV exactly (same spelling and case), so the
// choice only matters if the GeoJSON is replaced later.
//
// Kecamatan geometry is derived, not surveyed: the polygon is a MultiPolygon made of the
// kelurahan polygons of that kecamatan, NOT a dissolved union (shared inner borders stay in
// the data). That is fine for point-in-polygon lookups and map display; compute a real union
// (e.g. with PostGIS ST_Union) if an outline without inner borders is ever needed.
// The kecamatan centroid is the area-weighted mean of its kelurahan centroids, with areas from
// the shoelace formula (planar, in degrees; the constant degree-to-metre factor cancels out at
// city scale).

import malangGeo from './geo/kota-malang-kelurahan.json'
import madiunGeo from './geo/kota-madiun-kelurahan.json'
import type { AreaLevel } from '../../app/domain/vocabulary'
import type { SeedJurisdictionCode } from './jurisdictions'
import { wilayahRowsUnder } from './wilayah'

export type GeoJsonGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface SeedArea {
  code: string
  name: string
  level: AreaLevel
  parentCode: string | null
  polygon: GeoJsonGeometry
  centroid: { lat: number; lng: number }
}

interface KelurahanFeature {
  code: string
  name: string
  geometry: GeoJsonGeometry
  centroid: { lat: number; lng: number }
}

const GEO_BY_JURISDICTION: Record<SeedJurisdictionCode, unknown> = {
  '35.73': malangGeo,
  '35.77': madiunGeo,
}

// --- GeoJSON parsing (validates the JSON instead of trusting the inferred type) -------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPosition(value: unknown): value is number[] {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n))
}

function isRing(value: unknown): value is number[][] {
  return Array.isArray(value) && value.length >= 4 && value.every(isPosition)
}

function isPolygonCoords(value: unknown): value is number[][][] {
  return Array.isArray(value) && value.length >= 1 && value.every(isRing)
}

function isMultiPolygonCoords(value: unknown): value is number[][][][] {
  return Array.isArray(value) && value.length >= 1 && value.every(isPolygonCoords)
}

function parseGeometry(value: unknown, where: string): GeoJsonGeometry {
  if (!isRecord(value)) throw new Error(`${where}: geometry missing`)
  const { type, coordinates } = value
  if (type === 'Polygon' && isPolygonCoords(coordinates)) return { type, coordinates }
  if (type === 'MultiPolygon' && isMultiPolygonCoords(coordinates)) return { type, coordinates }
  throw new Error(`${where}: unsupported or malformed geometry`)
}

function parseKelurahanFeatures(collection: unknown, jurisdictionCode: SeedJurisdictionCode): KelurahanFeature[] {
  if (!isRecord(collection) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error(`GeoJSON for ${jurisdictionCode} is not a FeatureCollection`)
  }
  return collection.features.map((feature: unknown, index: number): KelurahanFeature => {
    const where = `GeoJSON ${jurisdictionCode} feature #${index}`
    if (!isRecord(feature) || !isRecord(feature.properties)) throw new Error(`${where}: no properties`)
    const { kode, nama, centroid_lat: lat, centroid_lng: lng } = feature.properties
    if (typeof kode !== 'string' || typeof nama !== 'string') throw new Error(`${where}: kode/nama missing`)
    if (typeof lat !== 'number' || typeof lng !== 'number') throw new Error(`${where}: centroid missing`)
    return { code: kode, name: nama, geometry: parseGeometry(feature.geometry, where), centroid: { lat, lng } }
  })
}

// --- geometry helpers ---------------------------------------------------------------------

/** Absolute planar area of one ring (shoelace formula), in square degrees. */
function ringArea(ring: number[][]): number {
  let twice = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]
    const b = ring[i + 1]
    if (a === undefined || b === undefined) continue
    const [x0 = 0, y0 = 0] = a
    const [x1 = 0, y1 = 0] = b
    twice += x0 * y1 - x1 * y0
  }
  return Math.abs(twice) / 2
}

/** Area of one polygon: outer ring minus holes. */
function polygonArea(rings: number[][][]): number {
  return rings.reduce((sum, ring, index) => sum + (index === 0 ? ringArea(ring) : -ringArea(ring)), 0)
}

/** Planar area of a Polygon or MultiPolygon in square degrees (used only as a relative weight). */
export function geometryArea(geometry: GeoJsonGeometry): number {
  return geometry.type === 'Polygon' ? polygonArea(geometry.coordinates) : geometry.coordinates.reduce((sum, polygon) => sum + polygonArea(polygon), 0)
}

function polygonsOf(geometry: GeoJsonGeometry): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

// --- public API ---------------------------------------------------------------------------

/**
 * Areas of one jurisdiction: its kecamatan first (parentCode null, ordered by code), then its
 * kelurahan (parentCode = kecamatan code, ordered by code). Throws if the GeoJSON and the
 * Kemendagri code list disagree, so a bad data update fails the seed instead of seeding junk.
 */
export function areasFor(jurisdictionCode: SeedJurisdictionCode): SeedArea[] {
  const features = parseKelurahanFeatures(GEO_BY_JURISDICTION[jurisdictionCode], jurisdictionCode)
  const kecamatanRows = wilayahRowsUnder(jurisdictionCode, 'kecamatan')
  const kelurahanRows = wilayahRowsUnder(jurisdictionCode, 'desa_kelurahan')
  const kelurahanRowByCode = new Map(kelurahanRows.map((row) => [row.code, row]))

  const featureCodes = new Set(features.map((f) => f.code))
  if (featureCodes.size !== features.length) throw new Error(`${jurisdictionCode}: duplicate kelurahan codes in GeoJSON`)
  const missing = kelurahanRows.filter((row) => !featureCodes.has(row.code)).map((row) => row.code)
  const unknown = features.filter((f) => !kelurahanRowByCode.has(f.code)).map((f) => f.code)
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`${jurisdictionCode}: GeoJSON/Kemendagri mismatch; no polygon for [${missing.join(', ')}], unknown codes [${unknown.join(', ')}]`)
  }

  const kelurahan: SeedArea[] = features
    .map((feature): SeedArea => {
      const row = kelurahanRowByCode.get(feature.code)
      if (row === undefined) throw new Error(`unreachable: ${feature.code}`)
      return {
        code: feature.code,
        name: row.name,
        level: 'kelurahan',
        parentCode: row.parentCode,
        polygon: feature.geometry,
        centroid: { lat: feature.centroid.lat, lng: feature.centroid.lng },
      }
    })
    .sort((a, b) => a.code.localeCompare(b.code))

  const kecamatan: SeedArea[] = kecamatanRows
    .map((row): SeedArea => {
      const children = kelurahan.filter((k) => k.parentCode === row.code)
      if (children.length === 0) throw new Error(`${row.code} (${row.name}) has no kelurahan polygons`)
      let weight = 0
      let lat = 0
      let lng = 0
      for (const child of children) {
        const area = geometryArea(child.polygon)
        weight += area
        lat += child.centroid.lat * area
        lng += child.centroid.lng * area
      }
      if (!(weight > 0)) throw new Error(`${row.code} (${row.name}) has zero area`)
      return {
        code: row.code,
        name: row.name,
        level: 'kecamatan',
        parentCode: null,
        // MultiPolygon of the member kelurahan polygons (no union; see header comment).
        polygon: { type: 'MultiPolygon', coordinates: children.flatMap((child) => polygonsOf(child.polygon)) },
        centroid: { lat: round6(lat / weight), lng: round6(lng / weight) },
      }
    })
    .sort((a, b) => a.code.localeCompare(b.code))

  const kecamatanCodes = new Set(kecamatan.map((k) => k.code))
  const orphan = kelurahan.find((k) => k.parentCode === null || !kecamatanCodes.has(k.parentCode))
  if (orphan !== undefined) throw new Error(`${orphan.code}: parent kecamatan ${orphan.parentCode ?? 'null'} not found`)

  return [...kecamatan, ...kelurahan]
}
