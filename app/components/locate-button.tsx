// "Use my location": only rendered once JavaScript runs (the form works without it).
// Fills the hidden lat/lng fields and picks the kelurahan that contains the point.
import { useEffect, useState } from 'react'
import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'
import { usePublicHref } from '~/utils/public-href'
import { waitText } from '~/utils/wait-text'

type State =
  { kind: 'idle' } | { kind: 'locating' } | { kind: 'found'; name: string } | { kind: 'outside' } | { kind: 'denied' } | { kind: 'limited'; seconds: number }

export function LocateButton({ onLocated }: { onLocated: (point: { lat: number; lng: number }, kelurahanId: number | null) => void }) {
  const { t } = useLocale()
  const [hydrated, setHydrated] = useState(false)
  const [state, setState] = useState<State>({ kind: 'idle' })
  // The kelurahan of this page's jurisdiction (a /kota-madiun/lapor form asks Madiun's).
  const kelurahanApi = usePublicHref('/api/kelurahan')
  useEffect(() => setHydrated(true), [])
  if (!hydrated || typeof navigator === 'undefined' || !('geolocation' in navigator)) return null

  const locate = () => {
    setState({ kind: 'locating' })
    navigator.geolocation.getCurrentPosition(
      async (position) => {
        const point = { lat: Number(position.coords.latitude.toFixed(6)), lng: Number(position.coords.longitude.toFixed(6)) }
        const response = await fetch(`${kelurahanApi}?lat=${point.lat}&lng=${point.lng}`).catch(() => null)
        const found = response?.ok ? ((await response.json()) as { id: number; name: string }) : null
        onLocated(point, found?.id ?? null)
        if (response?.status === 429) return setState({ kind: 'limited', seconds: Number(response.headers.get('Retry-After')) || 60 })
        setState(found ? { kind: 'found', name: found.name } : { kind: 'outside' })
      },
      () => setState({ kind: 'denied' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }

  const message =
    state.kind === 'locating'
      ? t.reportForm.locating
      : state.kind === 'found'
        ? fill(t.reportForm.locatedIn, { name: state.name })
        : state.kind === 'outside'
          ? t.reportForm.locationOutside
          : state.kind === 'denied'
            ? t.reportForm.locationDenied
            : state.kind === 'limited'
              ? fill(t.limits.tooManyPlain, { wait: waitText(t, state.seconds) })
              : null
  return (
    <div className="field">
      <button type="button" className="secondary" onClick={locate} disabled={state.kind === 'locating'}>
        {t.reportForm.useLocation}
      </button>
      <p className="hint" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  )
}
