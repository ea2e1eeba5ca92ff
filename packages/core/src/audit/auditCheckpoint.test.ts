import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditCheckpoint, SignedAuditCheckpoint } from './auditCheckpoint.ts'
import {
  checkAuditCheckpoints,
  checkpointLine,
  checkpointSigningInput,
  parseCheckpointFile,
  parseCheckpointLine,
  shouldCheckpoint,
} from './auditCheckpoint.ts'

const keys = generateKeyPairSync('ed25519')
const fingerprint = createHash('sha256')
  .update(keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32))
  .digest('hex')
const hashOf = (seq: number) => createHash('sha256').update(`row ${seq}`).digest('hex')

function signed(seq: number, extra: Partial<AuditCheckpoint> = {}): SignedAuditCheckpoint {
  const checkpoint: AuditCheckpoint = {
    nodeId: 'be',
    seq,
    hash: hashOf(seq),
    at: new Date(Date.UTC(2026, 11, 2, 0, seq)).toISOString(),
    keyFingerprint: fingerprint,
    ...extra,
  }
  const signature = sign(null, Buffer.from(checkpointSigningInput(checkpoint)), keys.privateKey).toString(
    'base64',
  )
  return { ...checkpoint, signature }
}

const fileOf = (...checkpoints: SignedAuditCheckpoint[]) => checkpoints.map(checkpointLine).join('')

function check(text: string, chainEnd: number, rowHashes = new Map<number, string>()) {
  for (let seq = 1; seq <= chainEnd; seq++) if (!rowHashes.has(seq)) rowHashes.set(seq, hashOf(seq))
  return checkAuditCheckpoints(parseCheckpointFile(text), {
    nodeId: 'be',
    keyFingerprint: fingerprint,
    signatureValid: (input, signature) =>
      verify(null, Buffer.from(input), keys.publicKey, Buffer.from(signature, 'base64')),
    chainEnd,
    rowHashes,
  })
}

describe('a checkpoint line', () => {
  it('is canonical JSON that reads back as the same checkpoint', () => {
    const c = signed(7)
    const line = checkpointLine(c)
    expect(line.endsWith('}\n')).toBe(true)
    expect(line.indexOf('\n')).toBe(line.length - 1)
    expect(parseCheckpointLine(line.trim())).toEqual({ ok: true, value: c })
  })

  it('signs the purpose with the checkpoint, so no other message has the same bytes', () => {
    expect(checkpointSigningInput(signed(1))).toContain('"purpose":"liaison.audit-checkpoint.v1"')
  })

  it.each([
    ['not JSON', 'nope', 'not_json'],
    ['an array', '[1]', 'wrong_shape'],
    ['a missing field', JSON.stringify({ ...signed(1), signature: undefined }), 'wrong_shape'],
    ['an extra field', JSON.stringify({ ...signed(1), extra: 1 }), 'wrong_shape'],
    ['seq 0', JSON.stringify({ ...signed(1), seq: 0 }), 'wrong_shape'],
    ['a seq beyond 2^53', JSON.stringify({ ...signed(1), seq: 2 ** 60 }), 'wrong_shape'],
    ['a short hash', JSON.stringify({ ...signed(1), hash: 'abc' }), 'wrong_shape'],
    ['a time without milliseconds', JSON.stringify({ ...signed(1), at: '2026-12-02T01:00Z' }), 'wrong_shape'],
    ['a signature that is not base64', JSON.stringify({ ...signed(1), signature: '!!' }), 'wrong_shape'],
  ])('refuses %s', (_what, line, reason) => {
    expect(parseCheckpointLine(line)).toEqual({ ok: false, error: reason })
  })

  it('never throws on any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseCheckpointFile(text)
        expect(result.entries.length + result.malformed.length).toBeLessThanOrEqual(text.split('\n').length)
      }),
    )
  })
})

describe('shouldCheckpoint', () => {
  it.each([
    ['an empty chain', { seq: 0, hash: '0'.repeat(64) }, null, null, { ok: false, error: 'empty' }],
    ['the first checkpoint', { seq: 3, hash: hashOf(3) }, null, null, { ok: true, value: true }],
    ['a head that moved', { seq: 4, hash: hashOf(4) }, signed(3), hashOf(3), { ok: true, value: true }],
    [
      'a head that did not move',
      { seq: 3, hash: hashOf(3) },
      signed(3),
      hashOf(3),
      { ok: false, error: 'unchanged' },
    ],
    [
      'a head behind the checkpoint',
      { seq: 2, hash: hashOf(2) },
      signed(3),
      null,
      { ok: false, error: 'behind' },
    ],
    [
      'a head at the checkpoint with another hash',
      { seq: 3, hash: hashOf(9) },
      signed(3),
      hashOf(9),
      { ok: false, error: 'forked' },
    ],
    // cut back to row 2, then grown past the checkpoint again: still not the chain that was signed
    [
      'a head past a checkpoint whose row changed',
      { seq: 5, hash: hashOf(5) },
      signed(3),
      hashOf(33),
      { ok: false, error: 'forked' },
    ],
  ])('%s', (_what, head, latest, hashAtLatest, expected) => {
    expect(shouldCheckpoint(head, latest, hashAtLatest)).toEqual(expected)
  })
})

describe('checkAuditCheckpoints', () => {
  it('accepts a chain that reaches every checkpoint with the signed hashes', () => {
    expect(check(fileOf(signed(3), signed(5), signed(5), signed(9)), 12)).toEqual([])
  })

  it('reports a chain with rows and no checkpoint, but not an empty chain', () => {
    expect(check('', 4)).toEqual([{ kind: 'no_checkpoints' }])
    expect(check('', 0)).toEqual([])
  })

  it('names the cut rows when the chain ends before the latest checkpoint', () => {
    expect(check(fileOf(signed(10), signed(41), signed(57)), 41)).toEqual([
      { kind: 'cut', line: 3, at: signed(57).at, seq: 57, chainEnd: 41 },
    ])
  })

  it('names the row whose hash differs, and the last checkpoint that still matches', () => {
    const rows = new Map([
      [20, hashOf(1020)],
      [30, hashOf(1030)],
    ])
    expect(check(fileOf(signed(10), signed(20), signed(30)), 35, rows)).toEqual([
      { kind: 'row_changed', line: 2, at: signed(20).at, seq: 20, sinceSeq: 10 },
      { kind: 'row_changed', line: 3, at: signed(30).at, seq: 30, sinceSeq: 10 },
    ])
  })

  it('reports a row missing within the chain', () => {
    const rows = new Map<number, string>()
    const problems = checkAuditCheckpoints(parseCheckpointFile(fileOf(signed(3))), {
      nodeId: 'be',
      keyFingerprint: fingerprint,
      signatureValid: () => true,
      chainEnd: 5,
      rowHashes: rows,
    })
    expect(problems).toEqual([{ kind: 'row_missing', line: 1, at: signed(3).at, seq: 3 }])
  })

  it('refuses a changed checkpoint: its signature no longer holds', () => {
    const forged = { ...signed(5), seq: 4, hash: hashOf(4) }
    expect(check(fileOf(signed(3), forged), 9)).toEqual([
      { kind: 'bad_signature', line: 2, at: forged.at, seq: 4 },
    ])
  })

  it('uses no untrusted checkpoint for the other checks', () => {
    const forged = { ...signed(5), seq: 50, hash: hashOf(50) }
    // a forged checkpoint beyond the chain is reported for its signature, not as a cut
    expect(check(fileOf(signed(3), forged), 9).map((p) => p.kind)).toEqual(['bad_signature'])
  })

  it('reports a checkpoint of another node, another key, and a malformed line', () => {
    const text = `${checkpointLine(signed(1, { nodeId: 'nl' }))}garbage\n${checkpointLine(signed(2, { keyFingerprint: 'a'.repeat(64) }))}${checkpointLine(signed(3))}`
    expect(check(text, 3)).toEqual([
      { kind: 'other_node', line: 1, nodeId: 'nl' },
      { kind: 'malformed', line: 2, reason: 'not_json' },
      { kind: 'other_key', line: 3, at: signed(2).at, keyFingerprint: 'a'.repeat(64) },
    ])
  })

  it('reports a checkpoint that goes backwards', () => {
    expect(check(fileOf(signed(3), signed(8), signed(6), signed(9)), 9)).toEqual([
      { kind: 'backwards', line: 3, at: signed(6).at, seq: 6, previousSeq: 8 },
    ])
  })
})
