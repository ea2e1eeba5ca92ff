import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isUuid, uuidv7, uuidv7Time } from './uuidv7.ts'

const zeros = new Uint8Array(10)

describe('uuidv7', () => {
  it('carries the version, the variant and the time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 29, 5, 0, 0), new Uint8Array(10).fill(0xff))
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7fff-bfff-ffffffffffff$/)
    expect(isUuid(id)).toBe(true)
    expect(uuidv7Time(id)).toBe(Date.UTC(2026, 10, 29, 5, 0, 0))
  })

  it('sorts as text in the order of its timestamps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        (a, b) => {
          const [x, y] = [uuidv7(a, zeros), uuidv7(b, zeros)]
          expect(Math.sign(x.localeCompare(y))).toBe(Math.sign(a - b))
          expect(uuidv7Time(x)).toBe(a)
        },
      ),
    )
  })

  it('refuses a timestamp it cannot carry and too little randomness', () => {
    expect(() => uuidv7(-1, zeros)).toThrow(RangeError)
    expect(() => uuidv7(2 ** 48, zeros)).toThrow(RangeError)
    expect(() => uuidv7(1.5, zeros)).toThrow(RangeError)
    expect(() => uuidv7(0, new Uint8Array(9))).toThrow(RangeError)
  })

  it.each(['', 'not-a-uuid', '01a225ba-5799-7873-9099-5091319b2ad', '01A225BA-5799-7873-9099-5091319B2AD3'])(
    'does not take %j for a uuid',
    (text) => expect(isUuid(text)).toBe(false),
  )
})
