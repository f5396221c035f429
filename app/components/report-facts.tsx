import type { ReactNode } from 'react'
import type { ReportStatus, RejectReason } from '~/domain/report-status'
import { StatusBadge } from './status-badge'
import { useLocale } from '~/utils/locale'

export interface ReportFactsData {
  status: ReportStatus
  reject_reason: RejectReason | null
  category_name_id: string
  category_name_en: string
  address: string | null
  kelurahan_name: string | null
  kecamatan_name: string | null
  unit_name: string
}

/** The facts every view of a report starts with; `children` adds rows (as dt/dd pairs). */
export function ReportFacts({ report: r, children }: { report: ReportFactsData; children?: ReactNode }) {
  const { t, locale } = useLocale()
  const location = [r.address, r.kelurahan_name, r.kecamatan_name ? `Kec. ${r.kecamatan_name}` : null].filter(Boolean).join(', ')
  return (
    <dl className="details">
      <dt>{t.report.status}</dt>
      <dd>
        <StatusBadge status={r.status} /> {r.reject_reason ? `(${t.rejectReasons[r.reject_reason]})` : null}
      </dd>
      <dt>{t.report.category}</dt>
      <dd>{locale === 'id' ? r.category_name_id : r.category_name_en}</dd>
      <dt>{t.report.location}</dt>
      <dd>{location || t.report.noLocation}</dd>
      <dt>{t.report.unit}</dt>
      <dd>{r.unit_name}</dd>
      {children}
    </dl>
  )
}
