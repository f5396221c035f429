import { describe, expect, it } from 'vitest'
import { canonicalSubmission, type SubmissionContent } from './submission'

const base: SubmissionContent = {
  categoryId: 3,
  areaId: 12,
  lat: -7.93,
  lng: 112.65,
  description: 'Lampu jalan mati di depan gang lima.',
  address: 'Jl. Raya 1',
  privacy: 'public',
  contact: { name: 'Siti', email: 'siti@example.com', phone: '+6281234567890' },
}

describe('canonicalSubmission', () => {
  it('is equal for the same content typed again (spaces, line endings, e-mail case)', () => {
    const again = {
      ...base,
      description: ' Lampu jalan mati\r\ndi depan  gang lima. ',
      address: 'Jl. Raya 1 ',
      contact: { name: 'Siti ', email: 'SITI@example.com', phone: '+6281234567890' },
    }
    expect(canonicalSubmission(again)).toBe(canonicalSubmission(base))
    // An empty field and a missing one are the same.
    expect(canonicalSubmission({ ...base, address: '' })).toBe(canonicalSubmission({ ...base, address: null }))
    expect(canonicalSubmission({ ...base, contact: null })).toBe(canonicalSubmission({ ...base, contact: { name: null, email: null, phone: null } }))
  })

  it('differs when anything the citizen typed or chose differs', () => {
    const variants: SubmissionContent[] = [
      { ...base, categoryId: 4 },
      { ...base, areaId: 13 },
      { ...base, lat: -7.931 },
      { ...base, lng: null, lat: null },
      { ...base, description: 'Lampu jalan mati di depan gang enam.' },
      { ...base, address: 'Jl. Raya 2' },
      { ...base, privacy: 'confidential' },
      { ...base, contact: { ...base.contact!, name: 'Budi' } },
      { ...base, contact: { ...base.contact!, email: null } },
      { ...base, contact: { ...base.contact!, phone: '+6281234567891' } },
    ]
    const texts = new Set(variants.map(canonicalSubmission))
    expect(texts.size).toBe(variants.length)
    expect(texts.has(canonicalSubmission(base))).toBe(false)
  })
})
