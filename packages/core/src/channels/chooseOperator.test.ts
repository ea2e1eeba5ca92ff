import { describe, expect, it } from 'vitest'
import type { OperatorRouting } from './chooseOperator.ts'
import { chooseOperator } from './chooseOperator.ts'

const routing: OperatorRouting = {
  operators: [
    { id: 'proximus', prefixes: ['+3247', '+32460', '+32472'] },
    { id: 'orange-be', prefixes: ['+3249', '+32466'] },
    { id: 'base', prefixes: ['+3248', '+32472'] },
    { id: 'kpn', prefixes: ['+316'] },
  ],
  ported: { '+32495000001': 'proximus', '+31612345678': 'base' },
}

describe('chooseOperator', () => {
  it.each([
    ['+32470123456', 'proximus', 'its prefix'],
    ['+32460123456', 'proximus', 'a longer prefix of the same operator'],
    ['+32495123456', 'orange-be', 'its prefix'],
    ['+32466123456', 'orange-be', 'a longer prefix'],
    ['+32485123456', 'base', 'its prefix'],
    ['+32472123456', 'proximus', 'the first listed on a tie of the longest prefix'],
    ['+32495000001', 'proximus', 'a ported number overrides the prefix'],
    ['+31612345678', 'base', 'a ported number abroad'],
    ['+31687654321', 'kpn', 'another country'],
  ])('%s goes to %s (%s)', (number, operator) => {
    expect(chooseOperator(number, routing)).toBe(operator)
  })

  it('a number no prefix matches goes to the default operator, else nowhere', () => {
    expect(chooseOperator('+352621123456', routing)).toBeNull()
    expect(chooseOperator('+352621123456', { ...routing, defaultOperator: 'post-lu' })).toBe('post-lu')
  })

  it('an own property, not an inherited one, is an override', () => {
    expect(chooseOperator('toString', { operators: [] })).toBeNull()
    expect(chooseOperator('constructor', { operators: [], ported: {} })).toBeNull()
  })
})
