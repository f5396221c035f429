import { describe, expect, it } from 'vitest'
import { advance, CONVERSATION_IDLE_MS, matchKelurahan, type Conversation, type ConversationContext, type Inbound } from './whatsapp-conversation'

const t0 = new Date('2026-11-23T03:00:00Z')
const ctx = (now = t0): ConversationContext => ({
  categories: [
    { id: 11, name: 'Lampu jalan (PJU) mati' },
    { id: 12, name: 'Pohon tumbang' },
  ],
  kelurahan: [
    { id: 101, name: 'Oro-oro Dowo' },
    { id: 102, name: 'Sumbersari' },
    { id: 103, name: 'Sumbersari Baru' },
    { id: 104, name: 'Kauman' },
  ],
  now,
})
const text = (s: string): Inbound => ({ kind: 'text', text: s })
const photo = { storageKey: 'abc.jpg', contentType: 'image/jpeg' as const, sizeBytes: 10, width: 4, height: 3 }

/** Plays messages one by one and returns every outcome. */
function play(messages: Inbound[], start: Conversation | null = null, context = ctx()) {
  let state = start
  return messages.map((m) => {
    const outcome = advance(state, m, context)
    state = outcome.next
    return outcome
  })
}

describe('the WhatsApp filing conversation', () => {
  it('walks category → description → kelurahan by name → no photo → confirm, and files what was said', () => {
    const outcomes = play([text('halo'), text('2'), text('Pohon besar tumbang menutup jalan'), text('kauman'), text('lewati'), text('ya')])
    expect(outcomes.map((o) => o.replies.map((r) => r.key))).toEqual([
      ['welcome', 'categoryList'],
      ['askDescription'],
      ['askLocation'],
      ['locationFound', 'askPhoto'],
      ['summary'],
      [],
    ])
    const filed = outcomes.at(-1)!.file!
    expect(filed).toMatchObject({ categoryId: 12, description: 'Pohon besar tumbang menutup jalan', areaId: 104, lat: null, photo: null })
    expect(outcomes.at(-1)!.next).toBeNull()
    expect(outcomes[0]!.replies[1]!.vars!.list).toBe('1. Lampu jalan (PJU) mati\n2. Pohon tumbang')
  })

  it('takes a shared location and a photo', () => {
    const outcomes = play([
      text('mulai'),
      text('1'),
      text('Lampu mati sejak tiga hari'),
      { kind: 'location', lat: -7.97, lng: 112.63, locatedAreaId: 101 },
      { kind: 'image', photo },
      text('Ya'),
    ])
    expect(outcomes[3]!.replies[0]).toEqual({ key: 'locationFound', vars: { kelurahan: 'Oro-oro Dowo' } })
    expect(outcomes[4]!.replies[0]!.vars).toMatchObject({ photo: 1, kelurahan: 'Oro-oro Dowo', category: 'Lampu jalan (PJU) mati' })
    expect(outcomes[5]!.file).toMatchObject({ areaId: 101, lat: -7.97, lng: 112.63, photo })
  })

  it('repeats the question on bad answers and never moves on', () => {
    const [, wrong, , short, , outside, unknown, ambiguous, sticker] = play([
      text('hai'),
      text('9'),
      text('1'),
      text('mati'),
      text('Lampu mati sejak tiga hari'),
      { kind: 'location', lat: 0, lng: 0, locatedAreaId: null },
      text('Atlantis'),
      text('sumber'),
      { kind: 'other' },
    ])
    expect(wrong!.replies.map((r) => r.key)).toEqual(['categoryInvalid', 'categoryList'])
    expect(short!.replies.map((r) => r.key)).toEqual(['descriptionTooShort'])
    expect(outside!.replies.map((r) => r.key)).toEqual(['locationOutside'])
    expect(unknown!.replies.map((r) => r.key)).toEqual(['kelurahanUnknown'])
    expect(ambiguous!.replies[0]).toEqual({ key: 'kelurahanAmbiguous', vars: { list: '- Sumbersari\n- Sumbersari Baru' } })
    expect(sticker!.next!.step).toBe('location')
  })

  it('"batal" ends the conversation anywhere and lets go of a stored photo', () => {
    const outcomes = play([text('hai'), text('1'), text('Lampu mati sejak tiga hari'), text('Kauman'), { kind: 'image', photo }, text('BATAL')])
    expect(outcomes.at(-1)).toEqual({ next: null, replies: [{ key: 'cancelled' }], file: null, discardPhoto: 'abc.jpg' })
  })

  it('starts again after 30 minutes of silence, and says so', () => {
    const [, afterCategory] = play([text('hai'), text('1')])
    const late = advance(afterCategory!.next, text('Lampu mati sejak tiga hari'), ctx(new Date(t0.getTime() + CONVERSATION_IDLE_MS + 1000)))
    expect(late.replies.map((r) => r.key)).toEqual(['expired', 'categoryList'])
    expect(late.next).toMatchObject({ step: 'category', categoryId: null })
    const inTime = advance(afterCategory!.next, text('Lampu mati sejak tiga hari'), ctx(new Date(t0.getTime() + CONVERSATION_IDLE_MS - 1000)))
    expect(inTime.next!.step).toBe('location')
  })

  it('switches language on "english" and asks the same question again', () => {
    const [, , switched] = play([text('hai'), text('1'), text('English')])
    expect(switched!.next).toMatchObject({ locale: 'en', step: 'description' })
    expect(switched!.replies.map((r) => r.key)).toEqual(['askDescription'])
  })

  it('a replaced photo is discarded', () => {
    const state = play([text('hai'), text('1'), text('Lampu mati sejak tiga hari'), text('Kauman')]).at(-1)!.next!
    const withPhoto = advance(state, { kind: 'image', photo }, ctx()).next!
    const back = { ...withPhoto, step: 'photo' as const }
    expect(advance(back, { kind: 'image', photo: { ...photo, storageKey: 'new.jpg' } }, ctx()).discardPhoto).toBe('abc.jpg')
  })
})

it('"rahasia" at the confirm step keeps the report from the public and shows the summary again', () => {
  const outcomes = play([text('hai'), text('1'), text('Lampu mati sejak tiga hari'), text('Kauman'), text('lewati'), text('rahasia'), text('ya')])
  expect(outcomes[5]!.replies[0]).toMatchObject({ key: 'summary', vars: { privacy: 'confidential' } })
  expect(outcomes[6]!.file!.privacy).toBe('confidential')
  expect(play([text('hai'), text('1'), text('Lampu mati sejak tiga hari'), text('Kauman'), text('lewati'), text('ya')]).at(-1)!.file!.privacy).toBe('public')
})

describe('matchKelurahan', () => {
  const list = ctx().kelurahan
  it('prefers an exact name, ignores "kelurahan"/"kel." and punctuation', () => {
    expect(matchKelurahan('Kel. Sumbersari', list)).toEqual({ match: { id: 102, name: 'Sumbersari' } })
    expect(matchKelurahan('oro oro dowo', list)).toEqual({ match: { id: 101, name: 'Oro-oro Dowo' } })
  })
  it('refuses too short a name', () => expect(matchKelurahan('ka', list)).toBeNull())
})
