// The notification variables are validated at start-up.
import { afterEach, describe, expect, it, vi } from 'vitest'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  vi.resetModules()
})

async function load(vars: Record<string, string>) {
  process.env = { ...saved, SESSION_SECRET: 'x'.repeat(40), ...vars }
  const { getEnv } = await import('./env.server')
  return getEnv
}

describe('notification settings', () => {
  it('accept an SMTP URL and a complete WhatsApp configuration', async () => {
    const getEnv = await load({
      SMTP_URL: 'smtp://user:pass@127.0.0.1:2525',
      WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0',
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      WHATSAPP_TOKEN: 'EAAG-test-token',
    })
    expect(getEnv()).toMatchObject({ SMTP_URL: 'smtp://user:pass@127.0.0.1:2525', WHATSAPP_PHONE_NUMBER_ID: '1234567890' })
  })

  it('refuse a non-SMTP URL', async () => {
    const getEnv = await load({ SMTP_URL: 'http://mail.example.com' })
    expect(() => getEnv()).toThrow(/SMTP_URL/)
  })

  it('refuse half a WhatsApp configuration', async () => {
    const getEnv = await load({ WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0' })
    expect(() => getEnv()).toThrow(/set all three or none/)
  })
})
