import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { SigningCrypto } from '../signing/SigningCrypto.ts'
import { toBase64url } from '../signing/base64url.ts'
import { signEvent } from '../signing/signEvent.ts'
import { checkKeyAnnouncement } from './keyAnnouncement.ts'

const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex')
const keyIdOf = (raw: Uint8Array) => createHash('sha256').update(raw).digest('hex').slice(0, 16)

function pair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12))
  return { privateKey, raw, keyId: keyIdOf(raw), publicKey: toBase64url(raw) }
}
const old = pair()
const next = pair()
const stranger = pair()

const cryptoOf = (key: ReturnType<typeof pair>): SigningCrypto => ({
  sign: async (_keyId, bytes) => new Uint8Array(sign(null, bytes, key.privateKey)),
  verify: async (raw, bytes, signature) =>
    verify(
      null,
      bytes,
      createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' }),
      signature,
    ),
  sha256: async (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
})

const announce = (signer: ReturnType<typeof pair>, change: Record<string, unknown> = {}) =>
  signEvent(
    {
      kind: 'node.key-announcement',
      nodeId: 'be',
      keyId: next.keyId,
      publicKey: next.publicKey,
      previousKeyId: old.keyId,
      rotatedAt: '2026-12-04T01:00:00.000Z',
      ...change,
    },
    { keyId: signer.keyId, crypto: cryptoOf(signer) },
  )
const expected: Parameters<typeof checkKeyAnnouncement>[1] = {
  nodeId: 'be',
  current: { keyId: old.keyId, publicKey: old.publicKey },
  keyIdOf,
}
const check = (value: unknown, e = expected) => checkKeyAnnouncement(value, e, cryptoOf(old))

describe('checkKeyAnnouncement', () => {
  it("takes an announcement signed with the peer's current key", async () => {
    const result = await check(await announce(old))
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'node.key-announcement',
        nodeId: 'be',
        keyId: next.keyId,
        publicKey: next.publicKey,
        previousKeyId: old.keyId,
        rotatedAt: '2026-12-04T01:00:00.000Z',
      },
    })
  })

  it('refuses, each with its reason, what it must not trust', async () => {
    const refusal = async (value: unknown, e = expected) => {
      const r = await check(value, e)
      return r.ok ? 'taken' : r.error
    }
    expect(await refusal(await announce(stranger))).toBe('not_current_key')
    expect(await refusal(await announce(old), { ...expected, current: null })).toBe('not_current_key')
    expect(await refusal(await announce(old, { previousKeyId: stranger.keyId }))).toBe('not_current_key')
    expect(await refusal(await announce(old, { nodeId: 'nl' }))).toBe('wrong_node')
    expect(await refusal(await announce(old, { keyId: stranger.keyId }))).toBe('key_id_mismatch')
    const signed = await announce(old)
    // another key put in after signing (its id made to match): the signature fails
    expect(await refusal({ ...signed, keyId: stranger.keyId, publicKey: stranger.publicKey })).toBe(
      'bad_signature',
    )
    expect(await refusal({ ...signed, rotatedAt: 'yesterday' })).toBe('malformed')
    expect(await refusal({ ...signed, publicKey: 'AAAA' })).toBe('malformed')
    expect(await refusal({ ...signed, kind: 'node.document' })).toBe('malformed')
    expect(await refusal(null)).toBe('malformed')
    expect(await refusal([signed])).toBe('malformed')
  })
})
