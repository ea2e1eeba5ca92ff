import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SigningCrypto } from './SigningCrypto.ts'
import { fromBase64url, toBase64url, utf8 } from './base64url.ts'
import { signEvent } from './signEvent.ts'
import { verifyEvent } from './verifyEvent.ts'

const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex')
const { privateKey, publicKey } = generateKeyPairSync('ed25519')
const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12))
const crypto: SigningCrypto = {
  sign: async (_keyId, bytes) => new Uint8Array(sign(null, bytes, privateKey)),
  verify: async (key, bytes, signature) =>
    verify(
      null,
      bytes,
      createPublicKey({ key: Buffer.concat([spkiPrefix, key]), format: 'der', type: 'spki' }),
      signature,
    ),
  sha256: async (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
}
const signer = { keyId: 'k1', crypto }
const lookup = (keyId: string) => (keyId === 'k1' ? raw : null)
const event = {
  id: 'e1',
  origin: 'be',
  at: '2026-12-02T21:00:00Z',
  kind: 'case.opened',
  body: { a: 1, b: [true, 'x'] },
}

describe('signEvent / verifyEvent', () => {
  it('verifies what it signed, and a relayed copy with keys reordered', async () => {
    const signed = await signEvent(event, signer)
    expect(signed.sig).toMatchObject({ keyId: 'k1', alg: 'ed25519' })
    expect((await verifyEvent(signed, lookup, crypto)).ok).toBe(true)
    const relayed: unknown = JSON.parse(
      JSON.stringify({
        sig: signed.sig,
        body: { b: event.body.b, a: 1 },
        kind: event.kind,
        at: event.at,
        origin: 'be',
        id: 'e1',
      }),
    )
    expect((await verifyEvent(relayed, lookup, crypto)).ok).toBe(true)
  })

  it('refuses any tampered field as bad_signature', async () => {
    const signed = await signEvent(event, signer)
    for (const key of ['id', 'origin', 'at', 'kind'] as const) {
      expect(await verifyEvent({ ...signed, [key]: `${signed[key]}x` }, lookup, crypto)).toEqual({
        ok: false,
        error: 'bad_signature',
      })
    }
    expect(await verifyEvent({ ...signed, body: { a: 2, b: [true, 'x'] } }, lookup, crypto)).toEqual({
      ok: false,
      error: 'bad_signature',
    })
    expect(await verifyEvent({ ...signed, extra: 1 }, lookup, crypto)).toEqual({
      ok: false,
      error: 'bad_signature',
    })
  })

  it('refuses unknown keys and malformed input', async () => {
    const signed = await signEvent(event, signer)
    expect(await verifyEvent({ ...signed, sig: { ...signed.sig, keyId: 'k2' } }, lookup, crypto)).toEqual({
      ok: false,
      error: 'unknown_key',
    })
    for (const bad of [
      null,
      'x',
      [],
      { ...event },
      { ...signed, sig: { ...signed.sig, alg: 'rsa' } },
      { ...signed, sig: { ...signed.sig, value: 'abc' } },
    ])
      expect(await verifyEvent(bad, lookup, crypto)).toEqual({ ok: false, error: 'malformed' })
  })

  it('does not depend on key order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), async (body) => {
        const signed = await signEvent({ id: 'p', body }, signer)
        const reversed = Object.fromEntries(Object.entries(body).reverse())
        return (await verifyEvent({ sig: signed.sig, body: reversed, id: 'p' }, lookup, crypto)).ok
      }),
      { numRuns: 50 },
    )
  })
})

describe('base64url / utf8', () => {
  it('match node:crypto Buffer encodings (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.string({ unit: 'grapheme' }), (bytes, text) => {
        expect(toBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
        expect(fromBase64url(toBase64url(bytes))).toEqual(bytes)
        expect(Buffer.from(utf8(text)).toString('utf8')).toBe(text)
      }),
    )
  })
})
