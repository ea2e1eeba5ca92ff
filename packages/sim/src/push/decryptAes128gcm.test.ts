import { createECDH } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decryptAes128gcm } from './decryptAes128gcm.ts'

const b64 = (text: string) => Buffer.from(text, 'base64url')

// RFC 8291 Appendix A: the example's receiver keys, auth secret and the message as sent
const receiver = {
  privateKey: b64('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94'),
  publicKey: b64('BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4'),
  authSecret: b64('BTBZMqHH6r4Tts7J_aSIgg'),
}
const body = b64(
  'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
)

describe('decryptAes128gcm', () => {
  it('decrypts the example of RFC 8291 Appendix A', () => {
    expect(decryptAes128gcm(body, receiver).toString('utf8')).toBe(
      'When I grow up, I want to be a watermelon',
    )
  })

  it('refuses a changed byte, another auth secret, another key and a cut body', () => {
    const changed = Buffer.from(body)
    changed[changed.length - 20]! ^= 1
    expect(() => decryptAes128gcm(changed, receiver)).toThrow()
    expect(() => decryptAes128gcm(body, { ...receiver, authSecret: Buffer.alloc(16, 7) })).toThrow()
    const other = createECDH('prime256v1')
    other.generateKeys()
    expect(() =>
      decryptAes128gcm(body, {
        ...receiver,
        privateKey: other.getPrivateKey(),
        publicKey: other.getPublicKey(),
      }),
    ).toThrow()
    expect(() => decryptAes128gcm(body.subarray(0, 20), receiver)).toThrow(/shorter than its header/)
    expect(() => decryptAes128gcm(body.subarray(0, 86), receiver)).toThrow(/no records/)
  })
})
