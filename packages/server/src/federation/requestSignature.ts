import { createHash } from 'node:crypto'
import { httpbis } from 'http-message-signatures'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import { verifyEd25519 } from '../auth/nodeSigningCrypto.ts'

/** How long a request signature is good for, and the most a signature may be older (RFC 9421 §2.3). */
export const requestSignatureMaxAgeSeconds = 300
/** The clock difference between two nodes a signature's `created` may show ahead. */
export const requestSignatureSkewSeconds = 5

/** The components a federation request signs: with a body, its digest and type too. */
export function signedComponents(hasBody: boolean): string[] {
  return hasBody ? ['@method', '@target-uri', 'content-digest', 'content-type'] : ['@method', '@target-uri']
}

/** The RFC 9530 `Content-Digest` of a body: SHA-256, as a byte sequence of the structured field. */
export function contentDigest(body: Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`
}

export interface FederationRequest {
  readonly method: 'GET' | 'POST'
  /** The full target URI, as the receiver will see it. */
  readonly url: string
  readonly body?: Uint8Array
}

/**
 * The headers of a federation request signed with an HTTP Message Signature (RFC 9421) by the
 * node's key: `@method`, `@target-uri` and, with a body, `content-digest` and `content-type`;
 * parameters keyid (the node's federation key id), alg="ed25519", created and expires (5 minutes).
 */
export async function signFederationRequest(
  request: FederationRequest,
  key: NodeSigningKey,
  now: Date,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {}
  if (request.body) {
    headers['content-type'] = 'application/json'
    headers['content-digest'] = contentDigest(request.body)
  }
  const created = new Date(Math.floor(now.getTime() / 1000) * 1000)
  const signed = await httpbis.signMessage(
    {
      key: {
        id: key.keyId,
        alg: 'ed25519',
        sign: (data) => Promise.resolve(Buffer.from(key.signBytes(new Uint8Array(data)))),
      },
      fields: signedComponents(request.body !== undefined),
      params: ['keyid', 'alg', 'created', 'expires'],
      paramValues: {
        created,
        expires: new Date(created.getTime() + requestSignatureMaxAgeSeconds * 1000),
      },
    },
    { method: request.method, url: request.url, headers },
  )
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(signed.headers))
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  return out
}

/** Why a request's signature is refused. */
export type RequestSignatureProblem =
  'unsigned' | 'unknown_key' | 'bad_signature' | 'too_old' | 'in_the_future' | 'digest_mismatch'

/** The key a signature names: the peer it belongs to and its raw public key. */
export interface RequestKey {
  readonly peer: string
  readonly publicKey: Uint8Array
}

/**
 * Checks a federation request's HTTP Message Signature (RFC 9421): present, made by a key
 * `lookup` knows, over the components `signedComponents` names, with keyid, alg="ed25519",
 * created and expires, created no more than 5 minutes ago nor in the future, and, with a body,
 * a `Content-Digest` that is the body's. Returns the peer whose key signed.
 */
export async function verifyFederationRequest(
  request: {
    readonly method: string
    readonly url: string
    readonly headers: Record<string, string | string[] | undefined>
    readonly body: Uint8Array | null
  },
  lookup: (keyId: string) => Promise<RequestKey | null>,
  now: Date,
): Promise<{ ok: true; peer: string; keyId: string } | { ok: false; problem: RequestSignatureProblem }> {
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name.toLowerCase()] = value
  if (!headers['signature'] || !headers['signature-input']) return { ok: false, problem: 'unsigned' }
  if (request.body) {
    const digest = headers['content-digest']
    if (typeof digest !== 'string' || digest !== contentDigest(request.body))
      return { ok: false, problem: 'digest_mismatch' }
  }
  const nowSeconds = Math.floor(now.getTime() / 1000)
  let problem: RequestSignatureProblem | null = null
  let found: { peer: string; keyId: string } | null = null
  try {
    const verified = await httpbis.verifyMessage(
      {
        requiredParams: ['keyid', 'alg', 'created', 'expires'],
        requiredFields: signedComponents(request.body !== null),
        // the age and the future are checked in keyLookup against the node's clock; the library
        // checks them again against the system's, allowed the difference between the two
        notAfter: nowSeconds + requestSignatureSkewSeconds,
        tolerance: Math.abs(Math.floor(Date.now() / 1000) - nowSeconds),
        async keyLookup(params) {
          const keyId = params.keyid
          if (typeof keyId !== 'string' || params.alg !== 'ed25519') return null
          const created = params.created instanceof Date ? params.created.getTime() / 1000 : null
          const expires = typeof params.expires === 'number' ? params.expires : null
          if (created === null || expires === null) return null
          if (created > nowSeconds + requestSignatureSkewSeconds) {
            problem = 'in_the_future'
            return null
          }
          if (nowSeconds - created > requestSignatureMaxAgeSeconds || expires < nowSeconds) {
            problem = 'too_old'
            return null
          }
          const key = await lookup(keyId)
          if (!key) return null
          return {
            id: keyId,
            algs: ['ed25519'],
            verify: (data, signature) => {
              const good = verifyEd25519(key.publicKey, new Uint8Array(data), new Uint8Array(signature))
              if (good) found = { peer: key.peer, keyId }
              return Promise.resolve(good)
            },
          }
        },
      },
      { method: request.method, url: request.url, headers },
    )
    if (problem) return { ok: false, problem }
    if (verified === null) return { ok: false, problem: 'unknown_key' }
    if (!verified || !found) return { ok: false, problem: 'bad_signature' }
  } catch {
    return { ok: false, problem: problem ?? 'bad_signature' }
  }
  const signer: { peer: string; keyId: string } = found
  return { ok: true, ...signer }
}
