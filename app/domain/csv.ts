// CSV for exports opened in spreadsheets (RFC 4180 quoting, CRLF). A text cell that starts
// with = + - @ (or a tab / carriage return) would be read as a formula by Excel or
// LibreOffice: it gets a leading apostrophe, so the text is shown, never evaluated (CSV
// injection, OWASP's advice). Numbers are left alone: -7.97 is a latitude, not a formula.
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const isText = typeof value === 'string' || (typeof value === 'object' && !(value instanceof Date))
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (isText && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}

/** Rows to CSV text; a UTF-8 byte-order mark first, so spreadsheet apps read the Indonesian text right. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
