// A report's description: one of its category's templates filled in with the place
// (street, kelurahan, landmark) and plausible details, sometimes with an opening, a
// second complaint and a closing.
import type { Rng } from './rng'
import { BRIBES, CLOSINGS, DURATIONS, LANDMARKS, OPENINGS, PARKING_FEES, SINCE, TIMES_OF_DAY, type Template } from './texts'
import type { CategoryInfo, Kelurahan } from './world'

export function writeDescription(rng: Rng, category: CategoryInfo, kel: Kelurahan | null, street: string): string {
  const fill = (parts: Template) => {
    let out = ''
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string
      if (i % 2 === 0) {
        out += part
        continue
      }
      switch (part) {
        case 'jalan':
          out += street
          break
        case 'kel':
          // Without a kelurahan: "…di Jl. X, Kel. {kel}, …" loses the clause, "di Kel. {kel}" becomes "di sekitar sini".
          if (kel) out += kel.name
          else if (out.endsWith(', Kel. ')) out = out.slice(0, -', Kel. '.length)
          else out = (out.endsWith('Kel. ') ? out.slice(0, -'Kel. '.length) : out) + 'sekitar sini'
          break
        case 'patokan':
          out += rng.pick(LANDMARKS)
          break
        case 'durasi':
          out += rng.pick(DURATIONS)
          break
        case 'sejak':
          out += rng.pick(SINCE)
          break
        case 'jam':
          out += rng.pick(TIMES_OF_DAY)
          break
        case 'n':
          out += String(rng.range(2, 6))
          break
        case 'm':
          out += String(rng.range(2, 40) * 5)
          break
        case 'cm':
          out += String(rng.range(2, 16) * 5)
          break
        case 'tarif':
          out += rng.pick(PARKING_FEES)
          break
        case 'uang':
          out += rng.pick(BRIBES)
          break
        default:
          out += part
      }
    }
    return out
  }
  const templates = category.templates
  const first = rng.int(templates.length)
  let text = fill(templates[first] as Template)
  if (rng.chance(0.3)) text = fill(rng.pick(OPENINGS)) + text
  // Now and then a second, different complaint about the same place.
  if (templates.length > 1 && rng.chance(0.15)) {
    text += ' Selain itu, ' + lowerFirst(fill(templates[(first + 1 + rng.int(templates.length - 1)) % templates.length] as Template))
  }
  if (rng.chance(0.6)) text += rng.pick(CLOSINGS)
  return text.length > 5000 ? text.slice(0, 5000) : text
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
