// Splits SQL text into statements at top-level semicolons, so that a script can run
// statement by statement where only one statement per query is accepted (PGlite's
// extended protocol, e.g. inside a migration's transaction). Quotes ('…', "…") and
// dollar-quoted bodies ($$…$$, $tag$…$tag$) are kept whole; `--` comments are skipped.
export function splitSqlStatements(text: string): string[] {
  const statements: string[] = []
  let current = ''
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === "'" || ch === '"') {
      const end = findQuoteEnd(text, i, ch)
      current += text.slice(i, end)
      i = end
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0]
      if (tag) {
        const close = text.indexOf(tag, i + tag.length)
        const end = close === -1 ? text.length : close + tag.length
        current += text.slice(i, end)
        i = end
      } else {
        current += ch
        i++
      }
    } else if (ch === '-' && text[i + 1] === '-') {
      const newline = text.indexOf('\n', i)
      i = newline === -1 ? text.length : newline
    } else if (ch === ';') {
      if (current.trim()) statements.push(current.trim())
      current = ''
      i++
    } else {
      current += ch
      i++
    }
  }
  if (current.trim()) statements.push(current.trim())
  return statements
}

function findQuoteEnd(text: string, start: number, quote: string) {
  let i = start + 1
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2
      else return i + 1
    } else i++
  }
  return text.length
}
