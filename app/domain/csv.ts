// CSV for exports opened in spreadsheets (RFC 4180 quoting). A cell that starts with
// = + - @ (or a tab / carriage return) would be read as a formula by Excel or LibreOffice:
// it gets a leading apostrophe, so the text is shown, never evaluated (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
