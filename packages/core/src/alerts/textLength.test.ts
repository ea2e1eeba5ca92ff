import { describe, expect, it } from 'vitest'
import { cellBroadcastLength, smsLength, textEncoding } from './textLength.ts'

describe('smsLength', () => {
  it.each([
    ['', 'gsm7', 0, 0],
    ['a'.repeat(160), 'gsm7', 160, 1],
    ['a'.repeat(161), 'gsm7', 161, 2],
    ['a'.repeat(306), 'gsm7', 306, 2],
    ['a'.repeat(307), 'gsm7', 307, 3],
    ['€'.repeat(80), 'gsm7', 160, 1],
    ['é'.repeat(160), 'gsm7', 160, 1],
    ['ê'.repeat(70), 'ucs2', 70, 1],
    ['ê'.repeat(71), 'ucs2', 71, 2],
    ['ê'.repeat(134), 'ucs2', 134, 2],
    ['ê'.repeat(135), 'ucs2', 135, 3],
  ] as const)('counts %j as %s, %i units, %i parts', (text, encoding, units, parts) => {
    expect(smsLength(text)).toMatchObject({ encoding, units, parts })
  })

  it('never splits an extension character across parts', () => {
    // 152 septets then "€" (2 septets) does not fit in the first 153-septet part
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ units: 164, parts: 2 })
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, parts: 3 })
  })

  it('counts the unsubscribe line after a line break, and an accent in it switches to UCS-2', () => {
    expect(smsLength('a'.repeat(150), 'STOP 8811')).toMatchObject({ units: 160, parts: 1 })
    expect(smsLength('a'.repeat(150), 'Arrêt 8811')).toMatchObject({ encoding: 'ucs2', parts: 3 })
  })

  it('falls back to UCS-2 for Luxembourgish ë and for emoji, counting surrogate pairs as two', () => {
    expect(textEncoding('Gëff')).toBe('ucs2')
    expect(smsLength('🚨')).toMatchObject({ encoding: 'ucs2', units: 2, parts: 1 })
  })
})

describe('cellBroadcastLength', () => {
  it.each([
    ['a'.repeat(93), 'gsm7', 1, true],
    ['a'.repeat(94), 'gsm7', 2, true],
    ['a'.repeat(93 * 15), 'gsm7', 15, true],
    ['a'.repeat(93 * 15 + 1), 'gsm7', 16, false],
    ['ê'.repeat(41), 'ucs2', 1, true],
    ['ê'.repeat(42), 'ucs2', 2, true],
    ['ê'.repeat(41 * 15 + 1), 'ucs2', 16, false],
  ] as const)('%#: pages in %s', (text, encoding, pages, fits) => {
    expect(cellBroadcastLength(text)).toMatchObject({ encoding, pages, fits })
  })
})
