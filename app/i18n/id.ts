// Bahasa Indonesia: the default language. en.ts must have the same shape. Two parts so the
// browser can load public pages without the staff text (ADR 028); the server uses the whole.
import { idPublic } from './id-public'
import { idStaff } from './id-staff'

export const id = { ...idPublic, ...idStaff }

export type Dictionary = typeof id
