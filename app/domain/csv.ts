// CSV for spreadsheets (RFC 4180, CRLF), safe against CSV injection: a cell a
// spreadsheet would read as a formula (= + - @, or a leading tab/CR) gets a leading
// apostrophe, so it shows as text (OWASP's advice). Pure.

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows to CSV text; a UTF-8 byte-order mark first, so spreadsheet apps read the Indonesian text right. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
