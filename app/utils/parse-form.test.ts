import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { en } from '~/i18n/en'
import { id } from '~/i18n/id'
import { parseForm } from './parse-form'

const schema = z.object({ name: z.string().max(5).optional(), age: z.number({ error: 'custom words win' }) })

function form(entries: [string, string][]) {
  const data = new FormData()
  for (const [k, v] of entries) data.append(k, v)
  return data
}

describe('parseForm', () => {
  it('words the checks a schema leaves unworded in the user language (a field sent twice)', () => {
    for (const t of [id, en]) {
      const submission = parseForm(
        form([
          ['name', 'a'],
          ['name', 'b'],
          ['age', '3'],
        ]),
        schema,
        t,
      )
      expect(submission.status).toBe('error')
      expect(submission.reply().error?.name).toEqual([t.validation.invalidValue])
    }
  })

  it('keeps the words a schema gives', () => {
    const submission = parseForm(form([['age', 'x']]), schema, id)
    expect(submission.reply().error?.age).toEqual(['custom words win'])
  })
})
