import { createPublicKey, verify } from 'node:crypto'

/** What a push service learns from a valid VAPID `Authorization` header (RFC 8292). */
export interface VapidClaims {
  /** The application server's public key, uncompressed P-256 (65 bytes), base64url. */
  readonly publicKey: string
  readonly audience: string
  readonly subject: string
  /** Seconds since the epoch. */
  readonly expires: number
}

export type VapidResult = { ok: true; claims: VapidClaims } | { ok: false; problem: string }

/**
 * Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292 §3): the JWT signed ES256 by that key,
 * its `aud` the push service's origin, `exp` in the future and no more than 24 hours away, and
 * a `sub` that is a mailto: or https: URL. `now` is in seconds since the epoch.
 */
export function verifyVapid(header: string | undefined, origin: string, now: number): VapidResult {
  if (!header) return { ok: false, problem: 'no Authorization header' }
  const match = /^vapid\s+(.*)$/i.exec(header.trim())
  if (!match) return { ok: false, problem: 'the Authorization scheme is not vapid' }
  const params = new Map<string, string>()
  for (const piece of match[1]!.split(',')) {
    const eq = piece.indexOf('=')
    if (eq > 0) params.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim())
  }
  const token = params.get('t')
  const key = params.get('k')
  if (!token || !key) return { ok: false, problem: 'the vapid Authorization needs t= and k=' }

  const raw = Buffer.from(key, 'base64url')
  if (raw.length !== 65 || raw[0] !== 4) return { ok: false, problem: 'k is not an uncompressed P-256 key' }
  let publicKey
  try {
    publicKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    })
  } catch {
    return { ok: false, problem: 'k is not a point on P-256' }
  }

  const pieces = token.split('.')
  if (pieces.length !== 3) return { ok: false, problem: 't is not a JWT' }
  const [head, body, signature] = pieces as [string, string, string]
  const header_ = json(head)
  if (header_?.['alg'] !== 'ES256') return { ok: false, problem: 'the JWT is not ES256' }
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  )
  if (!valid) return { ok: false, problem: 'the JWT signature does not verify with k' }
  const claims = json(body)
  if (!claims) return { ok: false, problem: 'the JWT claims are not JSON' }
  const { aud, exp, sub } = claims
  if (aud !== origin) return { ok: false, problem: `aud ${String(aud)} is not ${origin}` }
  if (typeof exp !== 'number' || exp <= now) return { ok: false, problem: 'the JWT has expired' }
  if (exp > now + 24 * 3600) return { ok: false, problem: 'exp is more than 24 hours away' }
  if (typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub))
    return { ok: false, problem: 'sub is not a mailto: or https: URL' }
  return { ok: true, claims: { publicKey: key, audience: aud, subject: sub, expires: exp } }
}

function json(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
