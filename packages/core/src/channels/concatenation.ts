/**
 * The concatenation header of one part of a long SMS (3GPP TS 23.040 §9.2.3.24.1 and .8): the
 * information element 0x00 (8-bit reference) or 0x08 (16-bit reference), read from the list of
 * information elements the `smpp` package splits a user data header into.
 */
export interface Concatenation {
  readonly reference: number
  /** 8 or 16: which header carried it (a 16-bit 5 and an 8-bit 5 are different messages). */
  readonly referenceBits: 8 | 16
  readonly total: number
  /** 1-based. */
  readonly sequence: number
}

export function readConcatenation(elements: readonly Uint8Array[]): Concatenation | null {
  for (const ie of elements) {
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) {
      return checked({ reference: ie[2]!, referenceBits: 8, total: ie[3]!, sequence: ie[4]! })
    }
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6) {
      return checked({
        reference: (ie[2]! << 8) | ie[3]!,
        referenceBits: 16,
        total: ie[4]!,
        sequence: ie[5]!,
      })
    }
  }
  return null
}

function checked(c: Concatenation): Concatenation | null {
  return c.total >= 1 && c.sequence >= 1 && c.sequence <= c.total ? c : null
}
