import { STATUS_LABELS, type ReportStatus } from '~/domain/report-status'
import { useLocale } from '~/utils/locale'

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { locale } = useLocale()
  return <span className={`status status-${status}`}>{STATUS_LABELS[status][locale]}</span>
}
