import { describe, expect, it } from 'vitest'
import { readConcatenation } from './concatenation.ts'

const ie = (...bytes: number[]) => Uint8Array.from(bytes)

describe('readConcatenation', () => {
  it('reads an 8-bit and a 16-bit reference', () => {
    expect(readConcatenation([ie(0x00, 3, 0xa7, 3, 2)])).toEqual({
      reference: 0xa7,
      referenceBits: 8,
      total: 3,
      sequence: 2,
    })
    expect(readConcatenation([ie(0x08, 4, 0x12, 0x34, 5, 5)])).toEqual({
      reference: 0x1234,
      referenceBits: 16,
      total: 5,
      sequence: 5,
    })
  })

  it('finds it among other elements', () => {
    expect(readConcatenation([ie(0x24, 1, 0x01), ie(0x00, 3, 1, 2, 1)])).toMatchObject({
      total: 2,
      sequence: 1,
    })
  })

  it.each([
    ['none', []],
    ['another element', [ie(0x05, 4, 0x0b, 0x84, 0x23, 0xf0)]],
    ['a part 0', [ie(0x00, 3, 1, 2, 0)]],
    ['a part beyond the total', [ie(0x00, 3, 1, 2, 3)]],
    ['a total of 0', [ie(0x08, 4, 0, 1, 0, 0)]],
    ['a short element', [ie(0x00, 3, 1)]],
    ['a wrong length', [ie(0x00, 4, 1, 2, 1, 0)]],
  ])('%s is no concatenation', (_, elements: Uint8Array[]) => {
    expect(readConcatenation(elements)).toBeNull()
  })
})
