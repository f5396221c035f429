// Which message a report change sends, and when a failed delivery is tried again.
// Pure: the outbox writes (models/notification.server.ts) and the delivery job derive from it.
import type { ReportAction } from './report-status'
import type { NotificationTemplate } from './vocabulary'

/** The reporter's message for a staff action, or null when the action sends none. */
export function reporterTemplateFor(action: ReportAction['type'], firstResponse: boolean): NotificationTemplate | null {
  switch (action) {
    case 'verify':
      return 'report_verified'
    case 'resolve':
      return 'report_resolved'
    case 'reject':
      return 'report_rejected'
    case 'transfer':
      return 'report_transferred'
    case 'reopen':
      return 'report_reopened'
    case 'mark_duplicate':
      return 'report_duplicate'
    // Internal steps tell the citizen nothing.
    case 'claim':
    case 'assign':
    case 'propose_reject':
    case 'dismiss_reject_proposal':
      return null
    default:
      return firstResponse ? 'report_first_response' : null
  }
}

/**
 * The reporter's messages that followers of a report (supporters, reporters of merged
 * duplicates) get too: the news on the report, never the reporter's own private link.
 */
const FOLLOWER_TEMPLATES: readonly NotificationTemplate[] = [
  'report_verified',
  'report_first_response',
  'report_update',
  'report_resolved',
  'report_rejected',
  'report_transferred',
  'report_reopened',
]
export const reachesFollowers = (template: NotificationTemplate) => FOLLOWER_TEMPLATES.includes(template)

/** Attempts before a row is left `failed` (an admin can still retry it). */
export const MAX_DELIVERY_ATTEMPTS = 8
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 60 * 60_000

/**
 * Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at 1 h, each drawn
 * between half and all of that (so retries of many rows after an outage spread out).
 * `attempt` is the number of attempts made so far (1 after the first failure).
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}

/** Whether another attempt is allowed after `attempt` failures of a transient kind. */
export function mayRetry(attempt: number): boolean {
  return attempt < MAX_DELIVERY_ATTEMPTS
}

/** A claimed row ('sending') belongs to its worker this long; longer than any send may take. */
export const DELIVERY_LEASE_MS = 5 * 60_000

/**
 * An address as staff pages show it: enough to tell two apart, not enough to contact
 * anyone ("s***@example.com", "+62812*****890").
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@')
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`
  if (recipient.length <= 7) return '*'.repeat(recipient.length)
  return `${recipient.slice(0, 6)}${'*'.repeat(recipient.length - 9)}${recipient.slice(-3)}`
}

/** Message text with its secrets (private-link and unsubscribe tokens) blanked out. */
export function redactLinkTokens(text: string): string {
  return text.replace(/([?&]t=)[A-Za-z0-9_~%-]+(?:\.[A-Za-z0-9_~%-]+)*/g, '$1…')
}
