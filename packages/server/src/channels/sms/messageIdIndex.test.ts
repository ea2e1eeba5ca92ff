import { describe, expect, it } from 'vitest'
import { MessageIdIndex } from './messageIdIndex.ts'

describe('MessageIdIndex', () => {
  it('finds an id as answered, in decimal for a hexadecimal answer, in hexadecimal for a decimal one', () => {
    const index = new MessageIdIndex<string>()
    index.set('0000002a', 'hex answer')
    index.set('1234', 'decimal answer')
    index.set('sim-7', 'neither')
    expect(index.find('0000002a')).toBe('0000002a')
    expect(index.find('42')).toBe('0000002a')
    expect(index.find('1234')).toBe('1234')
    expect(index.find('4d2')).toBe('1234')
    expect(index.find('4D2')).toBe('1234')
    expect(index.find('sim-7')).toBe('sim-7')
    expect(index.find('SIM-7')).toBeUndefined()
    expect(index.find('43')).toBeUndefined()
    expect(index.get('1234')).toBe('decimal answer')
  })

  it('prefers the exact id, and forgets every form on delete', () => {
    const index = new MessageIdIndex<number>()
    index.set('10', 1) // 16 read as hexadecimal
    index.set('16', 2)
    expect(index.find('16')).toBe('16')
    index.delete('16')
    // now '16' is read as the decimal value of the hexadecimal answer '10'
    expect(index.find('16')).toBe('10')
    index.delete('10')
    expect(index.find('16')).toBeUndefined()
    expect(index.find('a')).toBeUndefined()
    expect(index.size).toBe(0)
  })
})
