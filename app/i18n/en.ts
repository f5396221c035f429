import { enPublic } from './en-public'
import { enStaff } from './en-staff'
import type { Dictionary } from './id'

export const en: Dictionary = { ...enPublic, ...enStaff }
