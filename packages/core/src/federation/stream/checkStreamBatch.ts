import type { SigningCrypto } from '../signing/SigningCrypto.ts'
import type { SignedEvent } from '../signing/signEvent.ts'
import { verifyEvent } from '../signing/verifyEvent.ts'
import type { StreamBatch, StreamEntry, StreamHead } from './StreamEntry.ts'
import { federationProtocol, maxStreamBatch } from './StreamEntry.ts'
import { entryHash } from './streamChain.ts'

/**
 * Why a batch, or an entry of it, is refused: a closed set, each written down with its rule in
 * docs/federation.md. Every one changes nothing: entries before the refused one are kept, the
 * refused one and those after it are not, and the sender resumes after the head it is answered.
 */
export const streamRefusals = [
  'malformed',
  'version_too_old',
  'version_too_new',
  'wrong_recipient',
  'not_sender',
  'batch_too_large',
  'stream_gap',
  'broken_chain',
  'not_origin',
  'unknown_key',
  'bad_signature',
  'not_allowed',
] as const
export type StreamRefusal = (typeof streamRefusals)[number]

/** The receiver's side of one peer's stream. */
export interface StreamReceiver {
  /** This node's id. */
  readonly self: string
  /** The peer the request came from, as its request signature proved. */
  readonly sender: string
  /** The last entry received from that peer. */
  readonly head: StreamHead
  /** The hash kept for an entry already received (seq at most head.seq), or null if not kept. */
  knownHash(seq: number): Promise<string | null> | string | null
  /** The raw public key of an origin node's key id, or null. */
  originKey(origin: string, keyId: string): Promise<Uint8Array | null> | Uint8Array | null
  /** The receiver's policy: may this event be received from this peer? */
  allowed(event: SignedEvent<Record<string, unknown>>): boolean
  readonly crypto: SigningCrypto
}

export interface StreamCheck {
  /** The new entries, verified, in order, each with its hash: apply these. */
  readonly accepted: readonly (StreamEntry & { readonly hash: string })[]
  /** Entries received before and sent again unchanged (a retry after a lost answer): skipped. */
  readonly replayed: number
  /** The stream's head after the accepted entries: the sender resumes after it. */
  readonly head: StreamHead
  /** The first refusal, if any, with the entry's seq (null for the whole batch). */
  readonly refusal: {
    readonly reason: StreamRefusal
    readonly seq: number | null
    readonly detail: string
  } | null
}

const hash64 = /^[0-9a-f]{64}$/

/**
 * Checks one batch a peer sent, in order: the envelope (protocol version, sender, recipient,
 * size), then each entry: its place in the chain (seq, prev), its origin (the sender: a node passes
 * on another's item only inside a share of its own), its origin's signature, and the receiver's
 * policy. Stops at the first refusal; what came before it is accepted.
 */
export async function checkStreamBatch(batch: unknown, receiver: StreamReceiver): Promise<StreamCheck> {
  let head = receiver.head
  const refused = (reason: StreamRefusal, seq: number | null, detail: string): StreamCheck => ({
    accepted,
    replayed,
    head,
    refusal: { reason, seq, detail },
  })
  const accepted: (StreamEntry & { hash: string })[] = []
  let replayed = 0

  if (typeof batch !== 'object' || batch === null || Array.isArray(batch))
    return refused('malformed', null, 'the batch is not an object')
  const { protocol, from, to, entries } = batch as Partial<Record<keyof StreamBatch, unknown>>
  if (typeof protocol !== 'number' || !Number.isInteger(protocol))
    return refused('malformed', null, 'protocol: an integer')
  if (protocol < federationProtocol.oldest)
    return refused(
      'version_too_old',
      null,
      `protocol ${protocol}; the oldest spoken is ${federationProtocol.oldest}`,
    )
  if (protocol > federationProtocol.current)
    return refused(
      'version_too_new',
      null,
      `protocol ${protocol}; the newest spoken is ${federationProtocol.current}`,
    )
  if (typeof from !== 'string' || typeof to !== 'string' || !Array.isArray(entries))
    return refused('malformed', null, 'from, to: node ids; entries: a list')
  if (from !== receiver.sender)
    return refused(
      'not_sender',
      null,
      `the batch says it is from ${from}; the request is from ${receiver.sender}`,
    )
  if (to !== receiver.self)
    return refused('wrong_recipient', null, `the batch is for ${to}, not ${receiver.self}`)
  if (entries.length > maxStreamBatch)
    return refused('batch_too_large', null, `${entries.length} entries; at most ${maxStreamBatch}`)

  for (const candidate of entries as unknown[]) {
    const entry = entryShape(candidate)
    if (!entry) return refused('malformed', null, 'an entry: {seq, prev, event} with a signed event')
    const hash = await entryHash(entry, receiver.crypto)
    if (entry.seq <= head.seq) {
      // sent before: the same entry is a retry; another under the same seq rewrites the chain
      const known = accepted.find((a) => a.seq === entry.seq)?.hash ?? (await receiver.knownHash(entry.seq))
      if (known !== hash)
        return refused('broken_chain', entry.seq, `entry ${entry.seq} differs from the one received`)
      replayed += 1
      continue
    }
    if (entry.seq > head.seq + 1)
      return refused(
        'stream_gap',
        entry.seq,
        `entry ${entry.seq} after ${head.seq}: ${entry.seq - head.seq - 1} missing`,
      )
    if (entry.prev !== head.hash)
      return refused('broken_chain', entry.seq, `entry ${entry.seq} does not follow entry ${head.seq}`)
    const origin = entry.event['origin']
    if (origin !== receiver.sender)
      return refused(
        'not_origin',
        entry.seq,
        `the event's origin is ${String(origin)}, not ${receiver.sender}`,
      )
    const verified = await verifyEvent(
      entry.event,
      (keyId) => receiver.originKey(receiver.sender, keyId),
      receiver.crypto,
    )
    if (!verified.ok)
      return refused(
        verified.error === 'malformed' ? 'malformed' : verified.error,
        entry.seq,
        verified.error === 'unknown_key'
          ? `key ${entry.event.sig.keyId} is not a key of ${receiver.sender}`
          : `the signature of entry ${entry.seq} does not verify`,
      )
    if (!receiver.allowed(entry.event))
      return refused('not_allowed', entry.seq, `entry ${entry.seq} is not for this node by its policy`)
    accepted.push({ ...entry, hash })
    head = { seq: entry.seq, hash }
  }
  return { accepted, replayed, head, refusal: null }
}

function entryShape(value: unknown): StreamEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const { seq, prev, event } = value as Record<string, unknown>
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return null
  if (typeof prev !== 'string' || !hash64.test(prev)) return null
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return null
  const sig = (event as { sig?: unknown }).sig
  if (typeof sig !== 'object' || sig === null || typeof (sig as { keyId?: unknown }).keyId !== 'string')
    return null
  return { seq, prev, event: event as StreamEntry['event'] }
}
