/** One record of a CSV file, with the line it starts on (1-based). */
export interface CsvRecord {
  readonly line: number
  readonly fields: readonly string[]
}

export type CsvProblem = { readonly line: number; readonly reason: 'unclosed_quote' | 'quote_inside_field' }

/**
 * RFC 4180 records: fields separated by `,` (or `;`, as spreadsheets in Belgium write them, when
 * the first line has no comma), quoted with `"` (a doubled `""` inside), records ended by CRLF or
 * LF. A malformed record is reported with its line and skipped; blank lines are skipped.
 */
export function readCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const firstLine = body.slice(0, body.search(/\r?\n|$/))
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ','
  const records: CsvRecord[] = []
  const problems: CsvProblem[] = []
  let line = 1
  let i = 0
  while (i < body.length) {
    const start = line
    const fields: string[] = []
    let field = ''
    let quoted = false
    let bad: CsvProblem['reason'] | null = null
    let ended = false
    while (i < body.length && !ended) {
      const c = body[i]!
      if (quoted) {
        if (c === '"' && body[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (c === '"') {
          quoted = false
          i++
          if (i < body.length && body[i] !== separator && body[i] !== '\r' && body[i] !== '\n')
            bad ??= 'quote_inside_field'
        } else {
          if (c === '\n') line++
          field += c
          i++
        }
      } else if (c === '"') {
        // a quote opens a field only at its start; inside one it is an error (the rest of the line is read plainly)
        if (field.length > 0) bad ??= 'quote_inside_field'
        else quoted = true
        i++
      } else if (c === separator) {
        fields.push(field)
        field = ''
        i++
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && body[i + 1] === '\n' ? 2 : 1
        line++
        ended = true
      } else {
        field += c
        i++
      }
    }
    if (quoted) bad ??= 'unclosed_quote'
    fields.push(field)
    if (bad) problems.push({ line: start, reason: bad })
    else if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: start, fields })
  }
  return { records, problems }
}
