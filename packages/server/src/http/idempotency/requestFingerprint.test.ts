import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { replayedHeaders, requestFingerprint } from './requestFingerprint.ts'

const empty = createHash('sha256').digest('hex')
const base = { method: 'POST', route: '/api/v1/log', path: '/api/v1/log', bodySha256: empty }

describe('requestFingerprint', () => {
  it('is the same for the same request, whatever the case of the method', () => {
    expect(requestFingerprint(base)).toBe(requestFingerprint({ ...base, method: 'post' }))
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each([
    ['method', { method: 'PUT' }],
    ['route', { route: '/api/v1/cases/:id/log' }],
    ['path', { path: '/api/v1/log?x=1' }],
    ['body', { bodySha256: createHash('sha256').update('{}').digest('hex') }],
  ])('differs when the %s differs', (_part, change) => {
    expect(requestFingerprint({ ...base, ...change })).not.toBe(requestFingerprint(base))
  })

  it('does not let parts run into each other', () => {
    expect(requestFingerprint({ ...base, route: '/a', path: 'b/c' })).not.toBe(
      requestFingerprint({ ...base, route: '/a"', path: 'b/c' }),
    )
  })
})

describe('replayedHeaders', () => {
  it('keeps what describes the answer and drops cookies, ids and security headers', () => {
    expect(
      replayedHeaders({
        'content-type': 'application/json; charset=utf-8',
        location: '/api/v1/cases/1',
        'content-length': 12,
        'set-cookie': ['a=b'],
        'x-request-id': 'r',
        'cache-control': 'no-store',
        etag: '"1"',
      }),
    ).toEqual({ 'content-type': 'application/json; charset=utf-8', location: '/api/v1/cases/1', etag: '"1"' })
  })
})
