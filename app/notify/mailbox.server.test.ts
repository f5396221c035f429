import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmailChannel } from './email.server'
import { listMailIds, readMail } from './mailbox.server'
import { renderMessage } from './templates'

describe('the demo mail outbox', () => {
  it('reads back what the file channel wrote, newest first, non-ASCII text intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'melayani-mailbox-'))
    const email = createEmailChannel({ from: 'Melayani <no-reply@lapor.test>', mailDir: dir })
    for (const id of [7, 12]) {
      const message = renderMessage(
        'report_update',
        'id',
        { code: 'MLG-ABC234', body: `Perbaikan dijadwalkan — tim ${id} datang “besok”.` },
        { report: 'https://x.test/laporan/MLG-ABC234' },
      )
      await email.send({ outboxId: id, to: 'siti@example.com', messageId: `<m${id}@lapor.test>`, message })
    }
    expect(await listMailIds(dir, 10)).toEqual([12, 7])
    const mail = await readMail(dir, 12)
    expect(mail).toMatchObject({ outboxId: 12, to: 'siti@example.com', subject: '[Melayani] Kabar terbaru laporan MLG-ABC234' })
    expect(mail!.text).toContain('Perbaikan dijadwalkan — tim 12 datang “besok”.')
  })

  it('an empty or missing folder is an empty outbox', async () => {
    expect(await listMailIds(join(tmpdir(), 'melayani-no-such-dir'), 10)).toEqual([])
  })
})
