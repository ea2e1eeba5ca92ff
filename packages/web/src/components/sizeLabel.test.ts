import { describe, expect, it } from 'vitest'
import { sizeLabel } from './sizeLabel.ts'

describe('file sizes', () => {
  it.each([
    [0, { key: 'sizeB', size: '0' }],
    [5, { key: 'sizeB', size: '5' }],
    [1023, { key: 'sizeB', size: '1023' }],
    [1024, { key: 'sizeKb', size: '1' }],
    [12 * 1024 + 100, { key: 'sizeKb', size: '12' }],
    [1024 * 1024 - 1, { key: 'sizeKb', size: '1024' }],
    [1024 * 1024, { key: 'sizeMb', size: '1.0' }],
    [3.5 * 1024 * 1024, { key: 'sizeMb', size: '3.5' }],
    [25 * 1024 * 1024, { key: 'sizeMb', size: '25.0' }],
  ])('reads %i bytes as %o', (bytes, expected) => {
    expect(sizeLabel(bytes)).toEqual(expected)
  })
})
