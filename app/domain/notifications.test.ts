import { describe, expect, it } from 'vitest'
import { maskRecipient, MAX_DELIVERY_ATTEMPTS, mayRetry, reachesFollowers, redactLinkTokens, reporterTemplateFor, retryDelayMs } from './notifications'

describe('retryDelayMs', () => {
  it('doubles per attempt, within [half, all] of the ceiling', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000)
    expect(retryDelayMs(1, () => 1)).toBe(30_000)
    expect(retryDelayMs(3, () => 1)).toBe(120_000)
    expect(retryDelayMs(3, () => 0.5)).toBe(90_000)
  })

  it('is capped at one hour', () => {
    expect(retryDelayMs(30, () => 1)).toBe(3_600_000)
  })

  it('stops after the limit', () => {
    expect(mayRetry(MAX_DELIVERY_ATTEMPTS - 1)).toBe(true)
    expect(mayRetry(MAX_DELIVERY_ATTEMPTS)).toBe(false)
  })
})

describe('reporterTemplateFor', () => {
  it('tells the reporter of verification, resolution, rejection, transfer and reopening', () => {
    expect(reporterTemplateFor('verify', true)).toBe('report_verified')
    expect(reporterTemplateFor('resolve', false)).toBe('report_resolved')
    expect(reporterTemplateFor('reject', false)).toBe('report_rejected')
    expect(reporterTemplateFor('transfer', false)).toBe('report_transferred')
    expect(reporterTemplateFor('reopen', false)).toBe('report_reopened')
  })

  it('sends nothing for a start that is not the first response, nor for a close', () => {
    expect(reporterTemplateFor('start', false)).toBeNull()
    expect(reporterTemplateFor('start', true)).toBe('report_first_response')
    expect(reporterTemplateFor('close', false)).toBeNull()
  })
})

describe('what staff pages show of a message', () => {
  it('masks addresses', () => {
    expect(maskRecipient('siti@example.com')).toBe('s***@example.com')
    expect(maskRecipient('+6281234567890')).toBe('+62812*****890')
  })

  it('blanks the private-link and unsubscribe tokens', () => {
    expect(redactLinkTokens('Buka https://x.test/laporan/MLG-ABC?t=s3cr3t_Tok-en. Lalu https://x.test/berhenti?t=email.abc.def')).toBe(
      'Buka https://x.test/laporan/MLG-ABC?t=…. Lalu https://x.test/berhenti?t=…',
    )
  })
})

describe('the officer workflow and followers (ADR 018)', () => {
  it('tells the reporter of a merged duplicate, and nobody of internal steps', () => {
    expect(reporterTemplateFor('mark_duplicate', true)).toBe('report_duplicate')
    for (const action of ['claim', 'assign', 'propose_reject', 'dismiss_reject_proposal'] as const) expect(reporterTemplateFor(action, true)).toBeNull()
  })
  it("sends followers the report's news, never the reporter's own messages", () => {
    expect(reachesFollowers('report_update')).toBe(true)
    expect(reachesFollowers('report_resolved')).toBe(true)
    expect(reachesFollowers('report_received')).toBe(false)
    expect(reachesFollowers('private_link_resent')).toBe(false)
    expect(reachesFollowers('report_duplicate')).toBe(false)
  })
})
