import { describe, expect, it } from 'vitest'
import { isEmailAddress } from './isEmailAddress.ts'

describe('isEmailAddress', () => {
  it.each([
    'marie@example.be',
    'jan.de-vries+alerts@gemeente.example.nl',
    'x@xn--mnchen-3ya.de',
    "o'brien@example.lu",
  ])('takes %s', (address) => expect(isEmailAddress(address)).toBe(true))

  it.each([
    'p@example.be\r\nBcc: victim@example.org',
    'p@example.be, victim@example.org',
    'Name <p@example.be>',
    'p@example.be (comment)',
    'not an address',
    'p@localhost',
    '.p@example.be',
    'p..q@example.be',
    'p@-example.be',
    'p@example.be\n',
    'élodie@example.be',
    `${'a'.repeat(65)}@example.be`,
    `a@${'b'.repeat(250)}.be`,
  ])('refuses %j', (address) => expect(isEmailAddress(address)).toBe(false))
})
