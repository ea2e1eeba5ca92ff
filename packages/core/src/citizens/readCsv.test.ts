import { describe, expect, it } from 'vitest'
import { readCsv } from './readCsv.ts'

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and blank lines, with each record’s line', () => {
    const text = '\uFEFFphone,label\r\n+32470,"home, ""big"""\r\n\r\n+32471,"two\nlines"\n+32472,x'
    expect(readCsv(text)).toEqual({
      records: [
        { line: 1, fields: ['phone', 'label'] },
        { line: 2, fields: ['+32470', 'home, "big"'] },
        { line: 4, fields: ['+32471', 'two\nlines'] },
        { line: 6, fields: ['+32472', 'x'] },
      ],
      problems: [],
    })
  })

  it('takes semicolons when the first line has no comma', () => {
    expect(readCsv('a;b\n1;2\n').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ])
  })

  it('reports a stray quote and an unclosed one with their lines, and goes on', () => {
    expect(readCsv('a,b\nx"y,1\n"ok",2\n"open,3')).toEqual({
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 3, fields: ['ok', '2'] },
      ],
      problems: [
        { line: 2, reason: 'quote_inside_field' },
        { line: 4, reason: 'unclosed_quote' },
      ],
    })
  })
})
