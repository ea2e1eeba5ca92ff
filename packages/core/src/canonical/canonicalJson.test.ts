import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonicalJson.ts'

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [
      { '\u20ac': 'Euro', '\r': 'CR', '1': 'One', '\u0080': 'ctl', '\ud83d\ude00': 'emoji', '\u00f6': 'o' },
      '{"\\r":"CR","1":"One","\u0080":"ctl","ö":"o","€":"Euro","😀":"emoji"}',
    ],
    [[1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333], '[1e+21,1e-7,0,0.30000000000000004,333333333.3333333]'],
    [{ nested: { z: 1, y: { x: 'é' } } }, '{"nested":{"y":{"x":"é"},"z":1}}'],
    [{ skipped: undefined, kept: 1 }, '{"kept":1}'],
    [new Date(Date.UTC(2026, 0, 1)), '"2026-01-01T00:00:00.000Z"'],
  ])('writes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError)
    expect(() => canonicalJson(10n)).toThrow(TypeError)
    expect(() => canonicalJson(() => 1)).toThrow(TypeError)
  })

  it('reads back to the same value and does not depend on key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value)
        const back: unknown = JSON.parse(text)
        expect(canonicalJson(back)).toBe(text)
        expect(back).toStrictEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })
})
