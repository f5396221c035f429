// The full phone check (libphonenumber-js with its complete metadata, ~170 KB) stays on the
// server: the browser's form check only looks at the shape (domain/phone-shape.ts) and the
// server answers a landline or an invalid number with its message, the form kept.
export { checkPhone } from '~/domain/phone'
