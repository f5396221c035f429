// The two ways /lapor shows "Mungkin sudah dilaporkan" (ADR 022):
// - NearbyStep: the action's answer when open reports of the same category are nearby
//   (works without JavaScript); "Tetap kirim laporan baru" re-sends the form, confirmed.
// - LiveNearby: with JavaScript, the same list as soon as category and location are known;
//   once shown, the form carries confirmNew so the server does not ask again.
import { useEffect, useState } from 'react'
import type { Point } from '~/domain/geo'
import { useLocale } from '~/utils/locale'
import { usePublicHref } from '~/utils/public-href'
import { NearbyReports, type NearbyItem } from './nearby-reports'

export function NearbyStep({ reports, byArea, formId }: { reports: NearbyItem[]; byArea: boolean; formId: string }) {
  const { t } = useLocale()
  return (
    <section className="notice warning" aria-labelledby="nearby-heading" data-testid="nearby-step">
      <h2 id="nearby-heading">{t.citizen.nearbyHeading}</h2>
      <NearbyReports reports={reports} now={new Date()} byArea={byArea} />
      <p className="hint">{t.citizen.nearbyConfirmHint}</p>
      {/* Submits the report form below (values and kept photos included), confirmed. */}
      <button type="submit" form={formId} name="confirmNew" value="1" className="primary">
        {t.citizen.nearbyConfirmNew}
      </button>
    </section>
  )
}

export function LiveNearby({ categoryId, point, kelurahanId }: { categoryId: number | null; point: Point | null; kelurahanId: number | null }) {
  const { t } = useLocale()
  const [found, setFound] = useState<{ reports: NearbyItem[]; byArea: boolean } | null>(null)
  const lat = point?.lat
  const lng = point?.lng
  const nearbyApi = usePublicHref('/api/laporan-terdekat')
  useEffect(() => {
    if (categoryId === null || (lat === undefined && kelurahanId === null)) return setFound(null)
    const query = new URLSearchParams({ kategori: String(categoryId) })
    if (lat !== undefined && lng !== undefined) {
      query.set('lat', String(lat))
      query.set('lng', String(lng))
    } else query.set('kelurahan', String(kelurahanId))
    const controller = new AbortController()
    fetch(`${nearbyApi}?${query}`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ reports: NearbyItem[]; byArea: boolean }>) : null))
      .then((body) => setFound(body))
      // Not shown then: the server asks at submit time instead.
      .catch(() => undefined)
    return () => controller.abort()
  }, [categoryId, lat, lng, kelurahanId, nearbyApi])
  if (!found?.reports.length) return null
  return (
    // Inside the report form: no nested forms here (see NearbyReports' inForm).
    <section className="notice warning" aria-labelledby="live-nearby-heading" data-testid="live-nearby">
      <input type="hidden" name="confirmNew" value="1" />
      <h2 id="live-nearby-heading">{t.citizen.nearbyHeading}</h2>
      <NearbyReports reports={found.reports} now={new Date()} byArea={found.byArea} inForm />
    </section>
  )
}
