import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SecretBox } from './SecretBox.ts'

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32))

  it('opens what it sealed, in the same context, and seals the same secret differently each time', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:anna')
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
    expect(box.open(sealed, 'totp:anna')).toBe('JBSWY3DPEHPK3PXP')
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp:anna')).not.toBe(sealed)
  })

  it('refuses another context, another key, a changed byte and a plain value', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:anna')
    expect(() => box.open(sealed, 'totp:bart')).toThrow("does not open with this node's key")
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'totp:anna')).toThrow('was the key replaced?')
    const [head, iv, body, tag] = sealed.split('.')
    const flipped = `${body![0] === 'A' ? 'B' : 'A'}${body!.slice(1)}`
    expect(() => box.open([head, iv, flipped, tag].join('.'), 'totp:anna')).toThrow('does not open')
    expect(() => box.open('JBSWY3DPEHPK3PXP', 'totp:anna')).toThrow('is not sealed')
  })

  it('takes only a 256-bit key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('32 bytes')
  })
})
