import { describe, expect, it } from 'vitest'
import { isOverdue } from './Task.ts'

const at = new Date('2026-11-29T12:00:00Z')
describe('isOverdue', () => {
  it.each([
    [null, 'open', false],
    ['2026-11-29T11:59:00Z', 'open', true],
    ['2026-11-29T12:00:00Z', 'in-progress', true],
    ['2026-11-29T12:01:00Z', 'open', false],
    ['2026-11-29T11:00:00Z', 'done', false],
    ['2026-11-29T11:00:00Z', 'cancelled', false],
  ] as const)('due %s, %s: %s', (due, state, expected) => {
    expect(isOverdue({ dueAt: due ? new Date(due) : null, state }, at)).toBe(expected)
  })
})
