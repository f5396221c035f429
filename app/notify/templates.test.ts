import { describe, expect, it } from 'vitest'
import { NOTIFICATION_LOCALES, NOTIFICATION_TEMPLATES } from '~/domain/vocabulary'
import { renderMessage } from './templates'

const links = { report: 'https://x.test/laporan/MLG-ABC234', staff: 'https://x.test/petugas/laporan/MLG-ABC234' }

describe('renderMessage', () => {
  it.each(NOTIFICATION_LOCALES.flatMap((locale) => NOTIFICATION_TEMPLATES.map((template) => [template, locale] as const)))(
    '%s (%s) renders',
    (template, locale) => {
      const m = renderMessage(template, locale, { code: 'MLG-ABC234', reason: 'spam', unitName: 'DLH', body: 'Kabar', codes: ['MLG-ABC234'] }, links)
      expect(m.subject).toMatch(/^\[Melayani\] /)
      expect(m.text.trim()).not.toBe('')
      expect(m.html).toContain(`lang="${locale}"`)
      expect(m.whatsapp).toMatchObject({ name: `melayani_${template}`, language: locale })
    },
  )

  it('escapes HTML in staff-written text and links URLs', () => {
    const m = renderMessage('report_update', 'id', { code: 'MLG-ABC234', body: '<script>alert(1)</script> & co' }, links)
    expect(m.html).not.toContain('<script>')
    expect(m.html).toContain('&#60;script&#62;')
    expect(m.html).toContain(`<a href="${links.report}">`)
  })

  it('puts the private link in the first message, and the unsubscribe footer only when given', () => {
    const first = renderMessage(
      'report_received',
      'en',
      { code: 'MLG-ABC234' },
      { ...links, privateLink: `${links.report}?t=tok`, unsubscribe: 'https://x.test/berhenti?t=u' },
    )
    expect(first.text).toContain(`${links.report}?t=tok`)
    expect(first.text).toContain('Unsubscribe: https://x.test/berhenti?t=u')
    expect(first.whatsapp.params.join(' ')).not.toContain('berhenti')
    const staff = renderMessage('staff_new_report', 'id', { code: 'MLG-ABC234' }, links)
    expect(staff.text).not.toContain('berhenti')
  })

  it('puts the set-password link in staff invitations and resets, and says what to do without it', () => {
    const link = 'https://x.test/akun/sandi?t=tok'
    const invite = renderMessage('staff_invite', 'id', { name: 'Sari', jurisdictionName: 'Kota Malang' }, { ...links, setPassword: link })
    expect(invite.text).toContain(link)
    expect(invite.text).toContain('72 jam')
    expect(invite.subject).toContain('Kota Malang')
    const reset = renderMessage('staff_password_reset', 'en', { name: 'Sari' }, { ...links, setPassword: null })
    expect(reset.text).not.toContain('akun/sandi')
    expect(reset.text).toContain('ask an admin')
  })
})
