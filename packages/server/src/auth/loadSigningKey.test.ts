import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findSigningKey, loadSigningKey, parsePublicKey } from './loadSigningKey.ts'

const dir = mkdtempSync(join(tmpdir(), 'liaison-signing-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('loadSigningKey', () => {
  it('makes an Ed25519 key on first use, readable by its owner only, and reads the same key after', async () => {
    const path = join(dir, 'keys', 'node-signing.key')
    expect(await findSigningKey(path)).toBeNull()
    const first = await loadSigningKey(path)
    expect(first).toMatchObject({ created: true, looseMode: false })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const again = await loadSigningKey(path)
    expect(again.created).toBe(false)
    expect(again.key.publicKey).toBe(first.key.publicKey)
    expect(again.key.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const signature = first.key.sign('row 7')
    expect(again.key.verify('row 7', signature)).toBe(true)
    expect(again.key.verify('row 8', signature)).toBe(false)
    expect(again.key.verify('row 7', 'not a signature')).toBe(false)
  })

  it('gives every process starting at once the same key', async () => {
    const path = join(dir, 'raced.key')
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadSigningKey(path)))
    expect(new Set(keys.map((k) => k.key.publicKey)).size).toBe(1)
    expect(keys.filter((k) => k.created)).toHaveLength(1)
  })

  it('refuses a file that holds no Ed25519 key', async () => {
    const path = join(dir, 'bad.key')
    writeFileSync(path, 'hello\n', { mode: 0o600 })
    await expect(loadSigningKey(path)).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('it must hold an Ed25519 private key in PKCS#8 PEM') as string,
    })
  })

  it('reads back the public key it shows, and refuses anything else', async () => {
    const { key } = await loadSigningKey(join(dir, 'shown.key'))
    const shown = parsePublicKey(key.publicKey)
    expect(shown?.fingerprint).toBe(key.fingerprint)
    expect(shown?.verify('x', key.sign('x'))).toBe(true)
    expect(parsePublicKey('c2hvcnQ=')).toBeNull()
    expect(parsePublicKey('not base64 at all')).toBeNull()
  })
})
