import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SigningCrypto } from '../signing/SigningCrypto.ts'
import type { SignedEvent } from '../signing/signEvent.ts'
import { signEvent } from '../signing/signEvent.ts'
import type { StreamReceiver } from './checkStreamBatch.ts'
import { checkStreamBatch } from './checkStreamBatch.ts'
import type { StreamEntry, StreamHead } from './StreamEntry.ts'
import { emptyStreamHead, federationProtocol } from './StreamEntry.ts'
import { appendToStream, entryHash } from './streamChain.ts'

const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex')
const keys = generateKeyPairSync('ed25519')
const other = generateKeyPairSync('ed25519')
const rawOf = (k: typeof keys.publicKey) =>
  new Uint8Array(k.export({ format: 'der', type: 'spki' }).subarray(12))
const crypto: SigningCrypto = {
  sign: async (keyId, bytes) =>
    new Uint8Array(sign(null, bytes, keyId === 'other' ? other.privateKey : keys.privateKey)),
  verify: async (key, bytes, signature) =>
    verify(
      null,
      bytes,
      createPublicKey({ key: Buffer.concat([spkiPrefix, key]), format: 'der', type: 'spki' }),
      signature,
    ),
  sha256: async (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
}

type Signed = SignedEvent<Record<string, unknown>>
const event = (n: number, origin = 'be'): Record<string, unknown> => ({
  id: `e${n}`,
  origin,
  kind: 'log.appended',
  status: 'actual',
  body: { text: `entry ${n}`, n },
})
const signed = async (n: number, keyId = 'k1', origin = 'be'): Promise<Signed> =>
  await signEvent(event(n, origin), { keyId, crypto })

async function stream(count: number) {
  const events = await Promise.all(Array.from({ length: count }, (_, i) => signed(i + 1)))
  return appendToStream(emptyStreamHead, events, crypto)
}

/** NL's side of BE's stream, with what it has received kept by seq. */
function receiver(
  head: StreamHead,
  kept: Map<number, string> = new Map(),
  overrides: Partial<StreamReceiver> = {},
) {
  const r: StreamReceiver = {
    self: 'nl',
    sender: 'be',
    head,
    knownHash: (seq) => kept.get(seq) ?? null,
    originKey: (origin, keyId) => (origin === 'be' && keyId === 'k1' ? rawOf(keys.publicKey) : null),
    allowed: (e) => e['status'] !== 'secret',
    crypto,
    ...overrides,
  }
  return r
}
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i]
  if (item === undefined) throw new Error(`no item ${i}`)
  return item
}
const batch = (entries: readonly StreamEntry[], extra: Record<string, unknown> = {}) => ({
  protocol: federationProtocol.current,
  from: 'be',
  to: 'nl',
  entries: entries.map(({ seq, prev, event }) => ({ seq, prev, event })),
  ...extra,
})

describe('a peer stream: appendToStream and checkStreamBatch', () => {
  it('numbers entries from 1, chains each to the one before, and accepts the stream whole', async () => {
    const { entries, head } = await stream(5)
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect(entries[0]?.prev).toBe(emptyStreamHead.hash)
    expect(entries[3]?.prev).toBe(entries[2]?.hash)
    expect(head).toEqual({ seq: 5, hash: entries[4]?.hash })
    const check = await checkStreamBatch(
      JSON.parse(JSON.stringify(batch(entries))),
      receiver(emptyStreamHead),
    )
    expect(check.refusal).toBeNull()
    expect(check.accepted.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect(check.head).toEqual(head)
  })

  it('skips entries sent again unchanged (a retry), and takes the new ones after them', async () => {
    const { entries } = await stream(7)
    const kept = new Map(entries.slice(0, 5).map((e) => [e.seq, e.hash]))
    const at5 = { seq: 5, hash: nth(entries, 4).hash }
    const check = await checkStreamBatch(batch(entries.slice(2)), receiver(at5, kept))
    expect(check.refusal).toBeNull()
    expect(check.replayed).toBe(3)
    expect(check.accepted.map((e) => e.seq)).toEqual([6, 7])
    const again = await checkStreamBatch(batch(entries.slice(0, 5)), receiver(at5, kept))
    expect(again).toMatchObject({ replayed: 5, accepted: [], head: at5, refusal: null })
  })

  it('refuses a gap, a reordering, a cut chain and a rewritten entry, keeping what came before', async () => {
    const { entries } = await stream(5)
    const e1 = nth(entries, 0)
    const e2 = nth(entries, 1)
    const e3 = nth(entries, 2)
    const e4 = nth(entries, 3)
    const e5 = nth(entries, 4)
    const gap = await checkStreamBatch(batch([e1, e2, e4, e5]), receiver(emptyStreamHead))
    expect(gap.refusal).toMatchObject({ reason: 'stream_gap', seq: 4 })
    expect(gap.accepted.map((e) => e.seq)).toEqual([1, 2])
    expect(gap.head.seq).toBe(2)

    const reordered = await checkStreamBatch(batch([e1, e3, e2]), receiver(emptyStreamHead))
    expect(reordered.refusal).toMatchObject({ reason: 'stream_gap', seq: 3 })

    const cut = await checkStreamBatch(batch([e1, { ...e2, prev: e1.prev }]), receiver(emptyStreamHead))
    expect(cut.refusal).toMatchObject({ reason: 'broken_chain', seq: 2 })
    expect(cut.accepted.map((e) => e.seq)).toEqual([1])

    // another event under a seq already received: the chain the sender shows is not the one received
    const kept = new Map(entries.map((e) => [e.seq, e.hash]))
    const other3 = { seq: 3, prev: e2.hash, event: await signed(99) }
    const rewritten = await checkStreamBatch(batch([other3]), receiver({ seq: 5, hash: e5.hash }, kept))
    expect(rewritten.refusal).toMatchObject({ reason: 'broken_chain', seq: 3 })
  })

  it('refuses a tampered event, an unknown key, an event of another origin and one the policy does not allow', async () => {
    const { entries } = await stream(2)
    const e1 = nth(entries, 0)
    const tampered = { ...e1, event: { ...e1.event, body: { text: 'changed' } } }
    expect((await checkStreamBatch(batch([tampered]), receiver(emptyStreamHead))).refusal).toMatchObject({
      reason: 'bad_signature',
      seq: 1,
    })

    const otherKey = (await appendToStream(emptyStreamHead, [await signed(1, 'other')], crypto)).entries
    expect((await checkStreamBatch(batch(otherKey), receiver(emptyStreamHead))).refusal).toMatchObject({
      reason: 'unknown_key',
    })
    // the same key id, another key: a forgery
    const forged = { ...e1, event: { ...e1.event, sig: (await signed(1, 'other')).sig } }
    forged.event.sig = { ...forged.event.sig, keyId: 'k1' }
    expect((await checkStreamBatch(batch([forged]), receiver(emptyStreamHead))).refusal).toMatchObject({
      reason: 'bad_signature',
    })

    const lu = (await appendToStream(emptyStreamHead, [await signed(1, 'k1', 'lu')], crypto)).entries
    expect((await checkStreamBatch(batch(lu), receiver(emptyStreamHead))).refusal).toMatchObject({
      reason: 'not_origin',
    })

    const secret = await signEvent({ ...event(1), status: 'secret' }, { keyId: 'k1', crypto })
    const notAllowed = (await appendToStream(emptyStreamHead, [secret], crypto)).entries
    expect((await checkStreamBatch(batch(notAllowed), receiver(emptyStreamHead))).refusal).toMatchObject({
      reason: 'not_allowed',
    })
  })

  it('refuses a batch of another version, for another node, from another sender, or too large', async () => {
    const { entries } = await stream(1)
    const r = receiver(emptyStreamHead)
    const reason = async (b: unknown) => (await checkStreamBatch(b, r)).refusal?.reason
    expect(await reason(batch(entries, { protocol: federationProtocol.current + 1 }))).toBe('version_too_new')
    expect(await reason(batch(entries, { protocol: federationProtocol.oldest - 1 }))).toBe('version_too_old')
    expect(await reason(batch(entries, { protocol: '1' }))).toBe('malformed')
    expect(await reason(batch(entries, { to: 'lu' }))).toBe('wrong_recipient')
    expect(await reason(batch(entries, { from: 'lu' }))).toBe('not_sender')
    expect(await reason(batch(Array.from({ length: 501 }, () => nth(entries, 0))))).toBe('batch_too_large')
    expect(await reason([])).toBe('malformed')
  })

  it('never throws, and accepts only a prefix of the true stream, whatever a sender sends', async () => {
    const { entries } = await stream(6)
    const truth = await Promise.all(entries.map((e) => entryHash(e, crypto)))
    const anyEntry = fc.oneof(
      fc.constantFrom(...entries),
      fc.anything(),
      fc.record({ seq: fc.integer(), prev: fc.string(), event: fc.object() }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(anyEntry, { maxLength: 10 }), async (sent) => {
        const check = await checkStreamBatch({ ...batch([]), entries: sent }, receiver(emptyStreamHead))
        check.accepted.forEach((a, i) => {
          expect(a.seq).toBe(i + 1)
          expect(a.hash).toBe(truth[i])
        })
        expect(check.head.seq).toBe(check.accepted.length)
      }),
      { numRuns: 200 },
    )
  })
})
