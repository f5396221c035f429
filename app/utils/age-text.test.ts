import { describe, expect, it } from 'vitest'
import { getDictionary } from '~/i18n'
import { ageText } from './age-text'

const t = getDictionary('id')
const now = new Date('2026-11-23T10:00:00Z')
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000)

describe('ageText', () => {
  it('says minutes, then hours up to two days, then days', () => {
    expect(ageText(t, ago(0), now)).toBe('1 menit lalu')
    expect(ageText(t, ago(59), now)).toBe('59 menit lalu')
    expect(ageText(t, ago(60), now)).toBe('1 jam lalu')
    expect(ageText(t, ago(47 * 60), now)).toBe('47 jam lalu')
    expect(ageText(t, ago(3 * 24 * 60 + 5), now)).toBe('3 hari lalu')
  })
})
