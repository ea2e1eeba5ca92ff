import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadSigningKey } from '../auth/loadSigningKey.ts'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import { contentDigest, signFederationRequest, verifyFederationRequest } from './requestSignature.ts'

const dir = mkdtempSync(join(tmpdir(), 'liaison-reqsig-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const url = 'https://nl.example/federation/v1/stream'
const body = new Uint8Array(Buffer.from('{"protocol":1,"from":"be","to":"nl","entries":[]}'))
const now = new Date('2026-12-03T12:00:00Z')
const raw = (key: NodeSigningKey) => new Uint8Array(Buffer.from(key.publicKey, 'base64'))

describe('RFC 9421 signatures of federation requests', async () => {
  const be = (await loadSigningKey(join(dir, 'be.key'))).key
  const other = (await loadSigningKey(join(dir, 'other.key'))).key
  const lookup = (keyId: string) =>
    Promise.resolve(keyId === be.keyId ? { peer: 'be', publicKey: raw(be) } : null)
  const check = (
    headers: Record<string, string>,
    overrides: { url?: string; body?: Uint8Array | null; at?: Date; method?: string } = {},
  ) =>
    verifyFederationRequest(
      {
        method: overrides.method ?? 'POST',
        url: overrides.url ?? url,
        headers,
        body: overrides.body === undefined ? body : overrides.body,
      },
      lookup,
      overrides.at ?? now,
    )

  it('signs @method, @target-uri, content-digest and content-type with keyid, alg, created and expires', async () => {
    const headers = await signFederationRequest({ method: 'POST', url, body }, be, now)
    expect(headers['content-digest']).toBe(contentDigest(body))
    expect(headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/)
    expect(headers['signature-input']).toBe(
      `sig=("@method" "@target-uri" "content-digest" "content-type");keyid="${be.keyId}";alg="ed25519";created=${now.getTime() / 1000};expires=${now.getTime() / 1000 + 300}`,
    )
    expect(await check(headers)).toEqual({ ok: true, peer: 'be', keyId: be.keyId })
    // a GET signs no body
    const get = await signFederationRequest({ method: 'GET', url: `${url}?after=3` }, be, now)
    expect(await check(get, { method: 'GET', url: `${url}?after=3`, body: null })).toMatchObject({ ok: true })
  })

  it('refuses an unsigned request, an unknown key, a changed body, URL or method, an old and a future signature', async () => {
    const headers = await signFederationRequest({ method: 'POST', url, body }, be, now)
    const problem = async (p: ReturnType<typeof check>) => {
      const r = await p
      return r.ok ? null : r.problem
    }
    expect(await problem(check({ 'content-type': 'application/json' }))).toBe('unsigned')
    expect(await problem(check(await signFederationRequest({ method: 'POST', url, body }, other, now)))).toBe(
      'unknown_key',
    )
    expect(await problem(check(headers, { body: new Uint8Array(Buffer.from('{}')) }))).toBe('digest_mismatch')
    expect(await problem(check({ ...headers, 'content-digest': contentDigest(new Uint8Array([1])) }))).toBe(
      'digest_mismatch',
    )
    expect(await problem(check(headers, { url: 'https://lu.example/federation/v1/stream' }))).toBe(
      'bad_signature',
    )
    expect(await problem(check(headers, { method: 'PUT' }))).toBe('bad_signature')
    // another key's signature under this key's id
    const forged = await signFederationRequest({ method: 'POST', url, body }, other, now)
    const relabelled = {
      ...forged,
      'signature-input': forged['signature-input']!.replace(other.keyId, be.keyId),
    }
    expect(await problem(check(relabelled))).toBe('bad_signature')
    expect(await problem(check(headers, { at: new Date(now.getTime() + 301_000) }))).toBe('too_old')
    expect(await problem(check(headers, { at: new Date(now.getTime() - 60_000) }))).toBe('in_the_future')
  })
})
