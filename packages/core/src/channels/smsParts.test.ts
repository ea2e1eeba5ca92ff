import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smsLength } from '../alerts/textLength.ts'
import { smsParts } from './smsParts.ts'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/** Decodes parts back, independently of smsParts: the GSM 03.38 table and UTF-16BE. */
function decode(parts: readonly Uint8Array[], dataCoding: number, udh: boolean): string {
  const table =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
  const ext: Record<number, string> = {
    10: '\f',
    20: '^',
    40: '{',
    41: '}',
    47: '\\',
    60: '[',
    61: '~',
    62: ']',
    64: '|',
    101: '€',
  }
  const bodies = parts.map((p) => (udh ? p.subarray(p[0]! + 1) : p))
  const all = Buffer.concat(bodies)
  if (dataCoding === 8) return all.swap16().toString('utf16le')
  let text = ''
  for (let i = 0; i < all.length; i++) text += all[i] === 0x1b ? ext[all[++i]!] : table[all[i]!]
  return text
}

describe('smsParts', () => {
  it('a short GSM-7 text is one part of septets, without a header', () => {
    const sms = smsParts('Hi {you} €5', 0)!
    expect(sms).toMatchObject({ encoding: 'gsm7', dataCoding: 0, udh: false })
    expect(hex(sms.parts[0]!)).toBe('4869201b28796f751b29201b6535')
  })

  it('a short UCS-2 text is UTF-16 big endian', () => {
    const sms = smsParts('Zoë 😀', 0)!
    expect(sms).toMatchObject({ encoding: 'ucs2', dataCoding: 8, udh: false })
    expect(hex(sms.parts[0]!)).toBe('005a006f00eb0020d83dde00')
  })

  it('160 septets fit one part; 161 take two, each with the same reference and its number', () => {
    expect(smsParts('a'.repeat(160), 7)!.parts).toHaveLength(1)
    const sms = smsParts('a'.repeat(161), 7)!
    expect(sms.udh).toBe(true)
    expect(sms.parts.map((p) => hex(p.subarray(0, 6)))).toEqual(['050003070201', '050003070202'])
    expect(sms.parts.map((p) => p.length - 6)).toEqual([153, 8])
  })

  it('an extension character is not split across parts', () => {
    const sms = smsParts(`${'a'.repeat(152)}€b${'c'.repeat(10)}`, 1)!
    expect(sms.parts[0]!.length - 6).toBe(152)
    expect(hex(sms.parts[1]!.subarray(6, 8))).toBe('1b65')
  })

  it('a surrogate pair is not split across parts (UCS-2, 67 code units a part)', () => {
    const sms = smsParts(`${'é'.repeat(66)}Ω😀${'x'.repeat(10)}`, 2)!
    expect(sms.encoding).toBe('ucs2')
    expect(sms.parts[0]!.length - 6).toBe(134)
    const sms2 = smsParts(`ű${'é'.repeat(65)}😀${'x'.repeat(10)}`, 2)!
    expect(sms2.parts[0]!.length - 6).toBe(132)
    expect(hex(sms2.parts[1]!.subarray(6, 10))).toBe('d83dde00')
  })

  it('more than 255 parts is refused', () => {
    expect(smsParts('a'.repeat(153 * 255), 0)!.parts).toHaveLength(255)
    expect(smsParts('a'.repeat(153 * 255 + 1), 0)).toBeNull()
  })

  it('any text decodes back whole, in as many parts as smsLength counts (fast-check)', () => {
    const chars = fc.constantFrom(...'aZ0 @£€{}[]~^|\\\néçßÄ€ŒőĳΩ😀🇧🇪'.split(/(?:)/u))
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 600 }), fc.integer({ min: 0, max: 255 }), (list, ref) => {
        const text = list.join('')
        const sms = smsParts(text, ref)!
        expect(decode(sms.parts, sms.dataCoding, sms.udh)).toBe(text)
        expect(sms.parts.length).toBe(Math.max(1, smsLength(text).parts))
        for (const part of sms.parts) expect(part.length).toBeLessThanOrEqual(sms.udh ? 159 : 160)
      }),
    )
  })
})
