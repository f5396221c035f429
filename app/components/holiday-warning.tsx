import type { HolidayCoverage } from '~/domain/holiday-coverage'
import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'

/** Admins only (the loader passes null to everyone else). */
export function HolidayWarning({ coverage }: { coverage: HolidayCoverage | null }) {
  const { t } = useLocale()
  if (!coverage || (coverage.missing.length === 0 && coverage.provisional.length === 0)) return null
  return (
    <div className="notice warning" role="status">
      {coverage.missing.length ? <p>{fill(t.clocks.missingHolidays, { years: coverage.missing.join(', ') })}</p> : null}
      {coverage.provisional.length ? <p>{fill(t.clocks.provisionalHolidays, { years: coverage.provisional.join(', ') })}</p> : null}
    </div>
  )
}
