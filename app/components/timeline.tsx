import { parseEscalationMarker } from '~/domain/escalation'
import { STATUS_LABELS, type ReportStatus } from '~/domain/report-status'
import { AUTO_CLOSE_MARKER } from '~/domain/resolution'
import type { EventVisibility } from '~/domain/vocabulary'
import { fill, type Dictionary } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export interface TimelineEvent {
  id: number
  type: string
  created_at: Date | string
  to_status: string | null
  to_unit_name: string | null
  body: string | null
  visibility?: EventVisibility
  actor_name?: string | null
}

export function Timeline({ events, timeZone }: { events: TimelineEvent[]; timeZone: string }) {
  const { t, locale } = useLocale()
  return (
    <ol className="timeline">
      {events.map((e) => {
        const template = (t.events as Record<string, string>)[e.type] ?? e.type
        const status = e.to_status ? STATUS_LABELS[e.to_status as ReportStatus][locale] : ''
        return (
          <li key={e.id} className={e.visibility === 'internal' ? 'internal' : undefined}>
            <time dateTime={new Date(e.created_at).toISOString()}>{formatDateTime(e.created_at, locale, timeZone)}</time>
            <strong>{fill(template, { unit: e.to_unit_name ?? '', status })}</strong>
            {e.visibility === 'internal' ? <span className="muted small"> ({t.staff.internal})</span> : null}
            {e.actor_name ? <span className="muted small"> · {e.actor_name}</span> : null}
            {e.body ? <p className="body">{eventBodyText(e.body, t)}</p> : null}
          </li>
        )
      })}
    </ol>
  )
}

/** System events store a marker as their body; it is rendered in the reader's language. */
function eventBodyText(body: string, t: Dictionary): string {
  if (body === AUTO_CLOSE_MARKER) return t.clocks.autoClosed
  const escalation = parseEscalationMarker(body)
  if (!escalation) return body
  return fill(t.clocks.escalated, {
    level: String(escalation.level),
    target: escalation.target === 'response' ? t.clocks.targetResponse : t.clocks.targetResolution,
    audience: escalation.level === 1 ? t.clocks.audienceSupervisor : t.clocks.audienceExecutive,
  })
}
