import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyVapid } from './verifyVapid.ts'

const origin = 'https://127.0.0.1:4443'
const now = 1_800_000_000

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })
  const raw = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from(jwk.y!, 'base64url'),
  ])
  return { privateKey, k: raw.toString('base64url') }
}

function jwt(
  claims: object,
  privateKey = keyPair().privateKey,
  header: object = { typ: 'JWT', alg: 'ES256' },
) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const signed = `${part(header)}.${part(claims)}`
  const signature = sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' })
  return `${signed}.${signature.toString('base64url')}`
}

const good = { aud: origin, exp: now + 3600, sub: 'mailto:ops@crisis.example' }

describe('verifyVapid', () => {
  it('accepts a JWT signed by k with the push service as audience', () => {
    const { privateKey, k } = keyPair()
    expect(verifyVapid(`vapid t=${jwt(good, privateKey)}, k=${k}`, origin, now)).toEqual({
      ok: true,
      claims: { publicKey: k, audience: origin, subject: good.sub, expires: good.exp },
    })
  })

  it.each([
    ['no header', () => undefined, /no Authorization/],
    ['another scheme', () => 'Bearer abc', /not vapid/],
    ['no key', (t: string) => `vapid t=${t}`, /needs t= and k=/],
    [
      'a key that is not a point',
      (t: string) => `vapid t=${t}, k=${Buffer.alloc(65, 4).toString('base64url')}`,
      /not a point/,
    ],
    ['another key', (t: string) => `vapid t=${t}, k=${keyPair().k}`, /does not verify/],
  ])('refuses %s', (_name, make, problem) => {
    const result = verifyVapid(make(jwt(good)), origin, now)
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(problem) as string })
  })

  it.each([
    ['another audience', { ...good, aud: 'https://push.example' }, /aud/],
    ['an expired token', { ...good, exp: now - 1 }, /expired/],
    ['an expiry more than 24 hours away', { ...good, exp: now + 25 * 3600 }, /24 hours/],
    ['a subject that is no mailto: or https:', { ...good, sub: 'http://crisis.example' }, /sub/],
  ])('refuses %s', (_name, claims, problem) => {
    const { privateKey, k } = keyPair()
    expect(verifyVapid(`vapid t=${jwt(claims, privateKey)}, k=${k}`, origin, now)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(problem) as string,
    })
  })

  it('refuses a token that is not ES256 and one whose signature was changed', () => {
    const { privateKey, k } = keyPair()
    const hs = jwt(good, privateKey, { typ: 'JWT', alg: 'HS256' })
    expect(verifyVapid(`vapid t=${hs}, k=${k}`, origin, now)).toMatchObject({ ok: false, problem: /ES256/ })
    const token = jwt(good, privateKey)
    const changed = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    expect(verifyVapid(`vapid t=${changed}, k=${k}`, origin, now)).toMatchObject({ ok: false })
  })
})
