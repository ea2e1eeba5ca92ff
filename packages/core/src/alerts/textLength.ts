/**
 * How much room a text takes on a phone: SMS parts and cell-broadcast pages, in GSM-7 (3GPP TS
 * 23.038, with its extension table: each extension character takes two septets) or, as soon as
 * one character is outside GSM-7, in UCS-2 (UTF-16 code units). A character is never split
 * across two parts or pages.
 */
const gsm7Basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const gsm7Extension = '\f^{}\\[~]|€'

const basic = new Set(gsm7Basic)
const extension = new Set(gsm7Extension)

export type TextEncoding = 'gsm7' | 'ucs2'

/** GSM-7 when every character is in the basic or extension table, otherwise UCS-2. */
export function textEncoding(text: string): TextEncoding {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return 'ucs2'
  return 'gsm7'
}

/** The units each character takes: septets in GSM-7, UTF-16 code units in UCS-2. */
function unitsOf(text: string, encoding: TextEncoding): number[] {
  const units: number[] = []
  for (const char of text) units.push(encoding === 'gsm7' ? (extension.has(char) ? 2 : 1) : char.length)
  return units
}

function packInto(units: readonly number[], capacity: number): number {
  let parts = units.length === 0 ? 0 : 1
  let used = 0
  for (const unit of units) {
    if (used + unit > capacity) {
      parts += 1
      used = 0
    }
    used += unit
  }
  return parts
}

export interface SmsLength {
  readonly encoding: TextEncoding
  /** Septets (GSM-7) or code units (UCS-2). */
  readonly units: number
  readonly parts: number
  /** 160 / 70 for a single part, 153 / 67 once concatenated. */
  readonly perPart: number
}

/**
 * The SMS parts a text takes. `footer` is the line registered people's messages carry (how to
 * unsubscribe); it is counted after a line break, as it is sent.
 */
export function smsLength(text: string, footer?: string): SmsLength {
  const full = footer === undefined || footer === '' ? text : `${text}\n${footer}`
  const encoding = textEncoding(full)
  const units = unitsOf(full, encoding)
  const total = units.reduce((sum, unit) => sum + unit, 0)
  const single = encoding === 'gsm7' ? 160 : 70
  const concatenated = encoding === 'gsm7' ? 153 : 67
  if (total <= single) return { encoding, units: total, parts: total === 0 ? 0 : 1, perPart: single }
  return { encoding, units: total, parts: packInto(units, concatenated), perPart: concatenated }
}

/** A cell-broadcast page holds 82 octets: 93 GSM-7 characters or 41 UCS-2 characters. */
export const cellBroadcastPageUnits = { gsm7: 93, ucs2: 41 } as const satisfies Record<TextEncoding, number>
export const cellBroadcastMaxPages = 15

export interface CellBroadcastLength {
  readonly encoding: TextEncoding
  readonly units: number
  readonly pages: number
  readonly perPage: number
  /** Whether the text fits in the fifteen pages a message may have. */
  readonly fits: boolean
}

export function cellBroadcastLength(text: string): CellBroadcastLength {
  const encoding = textEncoding(text)
  const units = unitsOf(text, encoding)
  const perPage = cellBroadcastPageUnits[encoding]
  const pages = packInto(units, perPage)
  return {
    encoding,
    units: units.reduce((sum, unit) => sum + unit, 0),
    pages,
    perPage,
    fits: pages <= cellBroadcastMaxPages,
  }
}

/** The text cut into pieces of `capacity` units each, never splitting a character. */
function cutInto(text: string, encoding: TextEncoding, capacity: number): string[] {
  const pieces: string[] = []
  let piece = ''
  let used = 0
  for (const char of text) {
    const unit = encoding === 'gsm7' ? (extension.has(char) ? 2 : 1) : char.length
    if (used + unit > capacity) {
      pieces.push(piece)
      piece = ''
      used = 0
    }
    piece += char
    used += unit
  }
  if (piece !== '') pieces.push(piece)
  return pieces
}

/**
 * The SMS parts as they will be sent: the text and the footer after a line break, cut at 160 (70
 * in UCS-2) units for one part, else at 153 (67) per part. As many parts as `smsLength` counts.
 */
export function smsTextParts(text: string, footer?: string): string[] {
  const full = footer === undefined || footer === '' ? text : `${text}\n${footer}`
  const length = smsLength(text, footer)
  return cutInto(full, length.encoding, length.perPart)
}

/** The cell-broadcast pages as a phone shows them: 93 GSM-7 or 41 UCS-2 units each. */
export function cellBroadcastPages(text: string): string[] {
  const encoding = textEncoding(text)
  return cutInto(text, encoding, cellBroadcastPageUnits[encoding])
}
