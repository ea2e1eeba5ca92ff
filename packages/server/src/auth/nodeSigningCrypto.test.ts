import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fromBase64url, signEvent, verifyEvent } from '@liaison/core'
import { loadSigningKey } from './loadSigningKey.ts'
import { nodeSigningCrypto } from './nodeSigningCrypto.ts'

const dir = mkdtempSync(join(tmpdir(), 'liaison-fedsign-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const event = { id: 'e1', origin: 'be', kind: 'case.opened', body: { title: 'Inondation à Liège' } }

describe('nodeSigningCrypto', () => {
  it("signs with the node's key: core's verifyEvent accepts it and refuses a tampered copy", async () => {
    const { key } = await loadSigningKey(join(dir, 'node-signing.key'))
    expect(key.keyId).toBe(key.fingerprint.slice(0, 16))
    const crypto = nodeSigningCrypto(key)
    const raw = new Uint8Array(Buffer.from(key.publicKey, 'base64'))
    const lookup = (keyId: string) => (keyId === key.keyId ? raw : null)
    const signed = await signEvent(event, { keyId: key.keyId, crypto })
    expect(fromBase64url(signed.sig.value)?.length).toBe(64)
    expect(await verifyEvent(signed, lookup, crypto)).toMatchObject({ ok: true })
    const tampered = { ...signed, body: { title: 'Inondation à Namur' } }
    expect(await verifyEvent(tampered, lookup, crypto)).toEqual({ ok: false, error: 'bad_signature' })
  })

  it("refuses another node's key, and signs with no key but its own", async () => {
    const mine = (await loadSigningKey(join(dir, 'a.key'))).key
    const theirs = (await loadSigningKey(join(dir, 'b.key'))).key
    const crypto = nodeSigningCrypto(mine)
    const signed = await signEvent(event, { keyId: mine.keyId, crypto })
    const wrongKey = new Uint8Array(Buffer.from(theirs.publicKey, 'base64'))
    expect(await verifyEvent(signed, () => wrongKey, crypto)).toEqual({ ok: false, error: 'bad_signature' })
    expect(await verifyEvent(signed, () => new Uint8Array(5), crypto)).toEqual({
      ok: false,
      error: 'bad_signature',
    })
    await expect(signEvent(event, { keyId: theirs.keyId, crypto })).rejects.toThrow(/signs with key/)
  })
})
