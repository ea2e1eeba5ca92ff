import { canonicalJson } from '../../canonical/canonicalJson.ts'
import { utf8 } from '../signing/base64url.ts'
import type { SigningCrypto } from '../signing/SigningCrypto.ts'
import type { SignedEvent } from '../signing/signEvent.ts'
import type { StreamEntry, StreamHead } from './StreamEntry.ts'

const hexDigits = '0123456789abcdef'

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += (hexDigits[b >> 4] ?? '') + (hexDigits[b & 15] ?? '')
  return out
}

/** The hash that the next entry's `prev` must carry: SHA-256 (hex) of the entry's canonical JSON. */
export async function entryHash(entry: StreamEntry, crypto: Pick<SigningCrypto, 'sha256'>): Promise<string> {
  const { seq, prev, event } = entry
  return toHex(await crypto.sha256(utf8(canonicalJson({ seq, prev, event }))))
}

/**
 * Appends signed events to a peer's stream after `head`: each gets the next seq and the previous
 * entry's hash. Returns the entries, each with its own hash, and the stream's new head.
 */
export async function appendToStream(
  head: StreamHead,
  events: readonly SignedEvent<Record<string, unknown>>[],
  crypto: Pick<SigningCrypto, 'sha256'>,
): Promise<{ entries: (StreamEntry & { readonly hash: string })[]; head: StreamHead }> {
  const entries: (StreamEntry & { readonly hash: string })[] = []
  let at = head
  for (const event of events) {
    const entry: StreamEntry = { seq: at.seq + 1, prev: at.hash, event }
    const hash = await entryHash(entry, crypto)
    entries.push({ ...entry, hash })
    at = { seq: entry.seq, hash }
  }
  return { entries, head: at }
}
