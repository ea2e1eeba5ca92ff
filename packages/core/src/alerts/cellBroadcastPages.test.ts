import { describe, expect, it } from 'vitest'
import { cellBroadcastLength, cellBroadcastPages, textEncoding } from './textLength.ts'

describe('cellBroadcastPages', () => {
  it.each([
    ['', 'gsm7', []],
    ['a'.repeat(93), 'gsm7', [93]],
    ['a'.repeat(94), 'gsm7', [93, 1]],
    // an extension character takes two septets and is never split
    [`${'a'.repeat(92)}€`, 'gsm7', [92, 1]],
    [`${'a'.repeat(91)}€b`, 'gsm7', [92, 1]],
    ['ł'.repeat(41), 'ucs2', [41]],
    ['ł'.repeat(42), 'ucs2', [41, 1]],
    // a character outside the basic plane takes two code units and stays whole
    [`${'ł'.repeat(40)}😀`, 'ucs2', [40, 1]],
  ] as const)('cuts %j into %s pages of %j characters', (text, encoding, sizes) => {
    const pages = cellBroadcastPages(text)
    expect(textEncoding(text)).toBe(encoding)
    expect(pages.map((p) => [...p].length)).toEqual(sizes)
    expect(pages.join('')).toBe(text)
    expect(pages.length).toBe(cellBroadcastLength(text).pages)
  })
})
