import { createHash } from 'node:crypto'

export interface FingerprintedRequest {
  readonly method: string
  /** The route's pattern (`/api/v1/cases/:id/log`). */
  readonly route: string
  /** The path as sent, with its query. */
  readonly path: string
  /** SHA-256 (hex) of the body's bytes as they arrived (of nothing, when there was no body). */
  readonly bodySha256: string
}

/** What makes two requests with one Idempotency-Key the same request: SHA-256 (hex) over its parts. */
export function requestFingerprint(request: FingerprintedRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method.toUpperCase(), request.route, request.path, request.bodySha256]))
    .digest('hex')
}

/**
 * The headers of a first answer that a replay gives again: what describes the answer itself. Not
 * cookies, request ids, security or caching headers: those are set afresh on every request.
 */
export const replayedHeaderNames = [
  'content-type',
  'content-disposition',
  'location',
  'etag',
  'last-modified',
  'link',
] as const

export function replayedHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of replayedHeaderNames) {
    const value = headers[name]
    if (typeof value === 'string') kept[name] = value
    else if (typeof value === 'number') kept[name] = String(value)
  }
  return kept
}
