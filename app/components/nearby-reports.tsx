// "Mungkin sudah dilaporkan": open public reports of the same category near the one being
// written, each with "Saya juga mengalami ini" (a form to /laporan/{code}; no JavaScript needed).
import { Form, useSubmit } from '@remix-run/react'
import { fill } from '~/i18n'
import { ageText } from '~/utils/age-text'
import { useLocale } from '~/utils/locale'
import { StatusBadge } from './status-badge'
import type { ReportStatus } from '~/domain/report-status'

export interface NearbyItem {
  code: string
  status: ReportStatus
  createdAt: string | Date
  supporterCount: number
  distanceMetres: number | null
  kelurahanName: string | null
  photoKey: string | null
}

/** `inForm`: the list sits inside the report form (forms cannot nest), so "saya juga" submits through script. */
export function NearbyReports({ reports, now, byArea, inForm = false }: { reports: NearbyItem[]; now: Date; byArea: boolean; inForm?: boolean }) {
  const { t } = useLocale()
  const submit = useSubmit()
  return (
    <>
      <p>{byArea ? t.citizen.nearbyIntroArea : t.citizen.nearbyIntro}</p>
      <ul className="nearby" data-testid="nearby-reports">
        {reports.map((r) => (
          <li key={r.code}>
            {r.photoKey ? (
              <img src={`/foto/${r.photoKey}`} alt="" width={64} height={64} loading="lazy" />
            ) : (
              <span className="no-photo">{t.citizen.nearbyNoPhoto}</span>
            )}
            <div>
              <a href={`/laporan/${r.code}`}>{fill(t.citizen.nearbyView, { code: r.code })}</a>
              <div className="small">
                <StatusBadge status={r.status} /> {fill(t.citizen.nearbyAge, { age: ageText(t, new Date(r.createdAt), now) })}
                {r.distanceMetres !== null ? <> · {fill(t.citizen.nearbyDistance, { metres: r.distanceMetres })}</> : null}
                {r.kelurahanName ? <> · Kel. {r.kelurahanName}</> : null}
                {r.supporterCount > 0 ? <> · {fill(t.citizen.nearbySupporters, { n: r.supporterCount })}</> : null}
              </div>
              {inForm ? (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => submit({ intent: 'support' }, { method: 'post', action: `/laporan/${r.code}` })}
                >
                  {t.citizen.supportButton}
                </button>
              ) : (
                <Form method="post" action={`/laporan/${r.code}`}>
                  <input type="hidden" name="intent" value="support" />
                  <button type="submit" className="secondary small">
                    {t.citizen.supportButton}
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  )
}
