import { cellBroadcastLength, cellBroadcastPageUnits, textEncoding, type TextEncoding } from './textLength.ts'

export interface CellBroadcastPages {
  readonly encoding: TextEncoding
  /** The text cut into pages of at most 93 GSM-7 septets or 41 UCS-2 code units, in order. */
  readonly pages: readonly string[]
}

/**
 * Cuts a text into cell-broadcast pages as the counter counts them (`cellBroadcastLength`): a
 * character is never split across two pages, an extension character takes two septets.
 * Joining the pages gives the text back.
 */
export function cellBroadcastPages(text: string): CellBroadcastPages {
  const encoding = textEncoding(text)
  const capacity = cellBroadcastPageUnits[encoding]
  const pages: string[] = []
  let page = ''
  let used = 0
  for (const char of text) {
    const units = encoding === 'gsm7' ? cellBroadcastLength(char).units : char.length
    if (used + units > capacity) {
      pages.push(page)
      page = ''
      used = 0
    }
    page += char
    used += units
  }
  if (page !== '') pages.push(page)
  return { encoding, pages }
}
