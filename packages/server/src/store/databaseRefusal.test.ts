import { describe, expect, it } from 'vitest'
import { databaseRefusal } from './databaseRefusal.ts'

describe('databaseRefusal', () => {
  it.each([
    ['22P02', 'invalid input syntax for type uuid: "x"'],
    ['22008', 'date/time field value out of range: "0000-01-01"'],
    ['22003', 'value "1e300" is out of range for type bigint'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['54001', 'stack depth limit exceeded'],
  ])('makes SQLSTATE %s, caused by the input, a 400', (code, message) => {
    expect(databaseRefusal(Object.assign(new Error(message), { code }))).toMatchObject({
      code: 'validation_failed',
      httpStatus: 400,
    })
  })

  it.each([['23505'], ['40001'], ['57P01'], [undefined]])('leaves %s alone', (code) => {
    expect(databaseRefusal(Object.assign(new Error('x'), { code }))).toBeNull()
  })
})
