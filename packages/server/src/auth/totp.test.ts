import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, verifyTotp } from './totp.ts'

const rfcSecret = base32Encode(Buffer.from('12345678901234567890'))

describe('TOTP', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 at T=%i', (seconds, code) => {
    expect(hotp(Buffer.from('12345678901234567890'), Math.floor(seconds / 30), 8)).toBe(code)
    expect(totpCode(rfcSecret, seconds * 1000)).toBe(code.slice(2))
  })

  it('accepts one step of drift either way, and a code only once', () => {
    const at = 1_795_000_000_000
    const code = totpCode(rfcSecret, at)
    const step = verifyTotp(rfcSecret, code, at, null)
    expect(step).not.toBeNull()
    expect(verifyTotp(rfcSecret, code, at + 30_000, null)).toBe(step)
    expect(verifyTotp(rfcSecret, code, at - 30_000, null)).toBe(step)
    expect(verifyTotp(rfcSecret, code, at + 90_000, null)).toBeNull()
    expect(verifyTotp(rfcSecret, code, at, step)).toBeNull()
  })

  it.each(['', '12345', '1234567', 'abcdef', '12 456'])('refuses the malformed code %j', (code) => {
    expect(verifyTotp(rfcSecret, code, 0, null)).toBeNull()
  })

  it('round-trips base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes])
      }),
    )
    expect(() => base32Decode('ABC1')).toThrow("'1' is not a base32 character")
  })

  it('writes an otpauth URI authenticator apps read', () => {
    expect(otpauthUri({ issuer: 'Liaison BE', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' })).toBe(
      'otpauth://totp/Liaison%20BE%3Aalice?secret=JBSWY3DPEHPK3PXP&issuer=Liaison+BE&algorithm=SHA1&digits=6&period=30',
    )
  })
})
