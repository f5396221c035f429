import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'

/** The SLA escalation level of a report (domain/escalation.ts); nothing at level 0. */
export function EscalationBadge({ level }: { level: number }) {
  const { t } = useLocale()
  if (level <= 0) return null
  return (
    <span className={`status escalation escalation-${level}`} title={fill(t.clocks.badgeTitle, { level: String(level) })}>
      {fill(t.clocks.badge, { level: String(level) })}
    </span>
  )
}
