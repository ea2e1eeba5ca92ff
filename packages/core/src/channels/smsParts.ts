import type { TextEncoding } from '../alerts/textLength.ts'
import { textEncoding } from '../alerts/textLength.ts'

/**
 * A text as the short messages that carry it over SMPP: GSM-7 (data coding 0, one septet per
 * octet, unpacked, extension characters after an escape) or UCS-2 (data coding 8, UTF-16 big
 * endian), as `textEncoding` chooses. A text longer than one message is split into parts of
 * 153 septets or 67 code units, each after a concatenation header (UDH, 8-bit reference: `05 00
 * 03 ref total seq`), never splitting a character (an extension character or a surrogate pair).
 */
export interface SmsParts {
  readonly encoding: TextEncoding
  /** SMPP `data_coding`. */
  readonly dataCoding: 0 | 8
  /** Whether each part starts with a user data header (SMPP `esm_class` UDHI, 0x40). */
  readonly udh: boolean
  readonly parts: readonly Uint8Array[]
}

/** The most parts a concatenated message may have (its count is one octet). */
export const maxSmsParts = 255

const gsm7Table =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const gsm7ExtensionCodes: Readonly<Record<string, number>> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
}
const gsm7Codes = new Map([...gsm7Table].map((char, code) => [char, code]))

/** The octets of one character: its septet(s) in GSM-7, its code units in UCS-2. */
function octetsOf(char: string, encoding: TextEncoding): number[] {
  if (encoding === 'ucs2') {
    const octets: number[] = []
    for (let i = 0; i < char.length; i++) {
      const unit = char.charCodeAt(i)
      octets.push(unit >> 8, unit & 0xff)
    }
    return octets
  }
  const extension = gsm7ExtensionCodes[char]
  if (extension !== undefined) return [0x1b, extension]
  // textEncoding chose GSM-7, so every character is in a table
  return [gsm7Codes.get(char) ?? 0x20]
}

/**
 * The parts of `text`; `reference` (0-255) is the concatenation reference, the same in every
 * part of this message and different between messages to one number that may interleave.
 * Null when the text would need more than 255 parts.
 */
export function smsParts(text: string, reference: number): SmsParts | null {
  const encoding = textEncoding(text)
  const dataCoding = encoding === 'gsm7' ? 0 : 8
  const chars = [...text].map((char) => octetsOf(char, encoding))
  const total = chars.reduce((sum, octets) => sum + octets.length, 0)
  // octets per part: GSM-7 one per septet (160 / 153), UCS-2 two per code unit (140 / 134)
  const single = encoding === 'gsm7' ? 160 : 140
  if (total <= single) return { encoding, dataCoding, udh: false, parts: [Uint8Array.from(chars.flat())] }
  const capacity = encoding === 'gsm7' ? 153 : 134
  const bodies: number[][] = [[]]
  for (const octets of chars) {
    let current = bodies[bodies.length - 1]!
    if (current.length + octets.length > capacity) {
      current = []
      bodies.push(current)
    }
    current.push(...octets)
  }
  if (bodies.length > maxSmsParts) return null
  const ref = reference & 0xff
  const parts = bodies.map((body, i) =>
    Uint8Array.from([0x05, 0x00, 0x03, ref, bodies.length, i + 1, ...body]),
  )
  return { encoding, dataCoding, udh: true, parts }
}
