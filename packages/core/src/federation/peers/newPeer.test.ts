import { describe, expect, it } from 'vitest'
import { toBase64url } from '../signing/base64url.ts'
import type { NewPeerInput } from './newPeer.ts'
import { newPeer, peerPublicKeyBytes } from './newPeer.ts'

const raw = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 3)
const base64 = Buffer.from(raw).toString('base64')
const input: NewPeerInput = {
  nodeId: 'nl',
  baseUrl: 'https://liaison.nl.example/',
  publicKey: base64,
  statuses: ['actual', 'exercise'],
  tlp: ['CLEAR', 'GREEN', 'AMBER'],
  distributions: ['case', 'federation'],
}
const at = new Date('2026-12-03T14:00:00Z')
const context = {
  thisNodeId: 'be',
  taken: false,
  keyIdOf: () => '0123456789abcdef',
  at,
  by: 'operator alice',
}

describe('newPeer', () => {
  it('makes a peer with its key in base64url, its URL without a trailing slash', () => {
    expect(newPeer(input, context)).toEqual({
      ok: true,
      value: {
        nodeId: 'nl',
        baseUrl: 'https://liaison.nl.example',
        keys: [{ keyId: '0123456789abcdef', publicKey: toBase64url(raw), addedAt: at, retiredAt: null }],
        statuses: ['actual', 'exercise'],
        tlp: ['CLEAR', 'GREEN', 'AMBER'],
        distributions: ['case', 'federation'],
        addedAt: at,
        addedBy: 'operator alice',
        changedAt: at,
        changedBy: 'operator alice',
      },
    })
  })

  it.each([
    [{ nodeId: 'NL!' }, 'id:'],
    [{ baseUrl: 'ftp://x' }, 'url:'],
    [{ baseUrl: 'https://u:p@x.example' }, 'url:'],
    [{ baseUrl: 'https://x.example/?a=1' }, 'url:'],
    [{ statuses: [] }, 'statuses:'],
    [{ tlp: ['PURPLE'] }, 'tlp:'],
    [{ distributions: ['national'] }, 'distributions:'],
    [{ keyId: 'xyz' }, 'key-id:'],
  ] as [Partial<NewPeerInput>, string][])('refuses %o naming the field %s', (change, field) => {
    const decided = newPeer({ ...input, ...change }, context)
    expect(decided.ok).toBe(false)
    if (!decided.ok && decided.error.reason === 'invalid') expect(decided.error.problems[0]).toMatch(field)
    else expect.fail('expected invalid')
  })

  it('refuses itself, a malformed key, a key id of another key, a taken id', () => {
    expect(newPeer({ ...input, nodeId: 'be' }, context)).toEqual({
      ok: false,
      error: { reason: 'peer_is_this_node' },
    })
    for (const publicKey of ['', 'abc', Buffer.from(raw.subarray(1)).toString('base64'), `${base64}x`])
      expect(newPeer({ ...input, publicKey }, context)).toEqual({
        ok: false,
        error: { reason: 'peer_key_malformed' },
      })
    expect(newPeer({ ...input, keyId: 'ffffffffffffffff' }, context)).toEqual({
      ok: false,
      error: { reason: 'peer_key_id_mismatch', expected: '0123456789abcdef' },
    })
    expect(newPeer(input, { ...context, taken: true })).toEqual({
      ok: false,
      error: { reason: 'peer_exists' },
    })
  })

  it('reads a key in base64 and in base64url alike', () => {
    expect(peerPublicKeyBytes(base64)).toEqual(raw)
    expect(peerPublicKeyBytes(toBase64url(raw))).toEqual(raw)
  })
})
