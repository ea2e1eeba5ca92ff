import { describe, expect, it } from 'vitest'
import { textProblem } from './textProblem.ts'

describe('textProblem', () => {
  it.each([
    ['plain text', null],
    ['lines\r\nand\ttabs', null],
    ['an emoji 🚒 (a surrogate pair)', null],
    ['a\u0000b', 'NUL'],
    ['a\ud800b', 'lone surrogate'],
    ['\udc00', 'lone surrogate'],
    ['pair the wrong way \udc00\ud800', 'lone surrogate'],
  ])('%j', (text, problem) => {
    const found = textProblem(text)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toContain(problem)
  })
})
