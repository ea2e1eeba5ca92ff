import type { Result } from '../../result.ts'
import { err, ok } from '../../result.ts'
import type { DistributionKind } from '../../sharing/Distribution.ts'
import type { EventStatus } from '../../sharing/EventStatus.ts'
import { eventStatuses } from '../../sharing/EventStatus.ts'
import type { Tlp } from '../../sharing/Tlp.ts'
import { tlpLevels } from '../../sharing/Tlp.ts'
import { fromBase64url, toBase64url } from '../signing/base64url.ts'
import type { Peer } from './Peer.ts'

/** What an operator gives to add a peer. */
export interface NewPeerInput {
  readonly nodeId: string
  readonly baseUrl: string
  /** The raw 32-byte Ed25519 key, base64 (as `liaison node key` prints it) or base64url. */
  readonly publicKey: string
  /** Optional; when given it must be the key's own id. */
  readonly keyId?: string | null
  readonly statuses: readonly EventStatus[]
  readonly tlp: readonly Tlp[]
  readonly distributions: readonly DistributionKind[]
}

export type PeerRefusal =
  | { readonly reason: 'invalid'; readonly problems: readonly string[] }
  | { readonly reason: 'peer_is_this_node' }
  | { readonly reason: 'peer_key_malformed' }
  | { readonly reason: 'peer_key_id_mismatch'; readonly expected: string }
  | { readonly reason: 'peer_exists' }

/** What an item of these distribution kinds may do across nodes: `organisation` and `national` never leave. */
export const peerDistributionKinds = [
  'case',
  'neighbours',
  'federation',
  'group',
] as const satisfies readonly DistributionKind[]

const nodeIdPattern = /^[a-z][a-z0-9-]{0,31}$/
const baseUrlPattern =
  /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/

/** The raw bytes of a 32-byte Ed25519 public key given in base64 (padded) or base64url; null otherwise. */
export function peerPublicKeyBytes(text: string): Uint8Array | null {
  const trimmed = text.trim()
  if (/[+/=]/.test(trimmed) && /[-_]/.test(trimmed)) return null
  const bytes = fromBase64url(trimmed.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'))
  return bytes && bytes.length === 32 ? bytes : null
}

/** Each problem names its field, for the edge to report them all at once. */
export function peerProblems(input: NewPeerInput): string[] {
  const problems: string[] = []
  if (!nodeIdPattern.test(input.nodeId))
    problems.push(
      `id: '${input.nodeId}' must be lower-case letters, digits or hyphens, 1-32 chars, starting with a letter`,
    )
  if (!baseUrlPattern.test(input.baseUrl))
    problems.push(
      `url: '${input.baseUrl}' must be an http or https URL with no query, fragment or credentials`,
    )
  const subset = <T extends string>(field: string, given: readonly T[], allowed: readonly T[]) => {
    const wrong = given.filter((g) => !allowed.includes(g))
    if (wrong.length > 0) problems.push(`${field}: '${wrong.join(', ')}' must be among ${allowed.join(', ')}`)
    if (given.length === 0) problems.push(`${field}: name at least one of ${allowed.join(', ')}`)
  }
  subset('statuses', input.statuses, eventStatuses)
  subset('tlp', input.tlp, tlpLevels)
  subset('distributions', input.distributions, peerDistributionKinds)
  const keyId = input.keyId ?? null
  if (keyId !== null && !/^[0-9a-f]{16}$/.test(keyId))
    problems.push(`key-id: '${keyId}' must be 16 lower-case hex digits`)
  return problems
}

/**
 * A new peer, or why not: its fields valid, not this node, its key a 32-byte Ed25519 key whose
 * id (`keyIdOf`, the first 16 hex of its SHA-256) is the one given, if one is, and its id free.
 */
export function newPeer(
  input: NewPeerInput,
  context: {
    readonly thisNodeId: string
    readonly taken: boolean
    readonly keyIdOf: (raw: Uint8Array) => string
    readonly at: Date
    readonly by: string
  },
): Result<Peer, PeerRefusal> {
  const problems = peerProblems(input)
  if (problems.length > 0) return err({ reason: 'invalid', problems })
  if (input.nodeId === context.thisNodeId) return err({ reason: 'peer_is_this_node' })
  const raw = peerPublicKeyBytes(input.publicKey)
  if (!raw) return err({ reason: 'peer_key_malformed' })
  const keyId = context.keyIdOf(raw)
  if ((input.keyId ?? null) !== null && input.keyId !== keyId)
    return err({ reason: 'peer_key_id_mismatch', expected: keyId })
  if (context.taken) return err({ reason: 'peer_exists' })
  const unique = <T>(values: readonly T[]) => [...new Set(values)]
  return ok({
    nodeId: input.nodeId,
    baseUrl: input.baseUrl.replace(/\/+$/, ''),
    keys: [{ keyId, publicKey: toBase64url(raw), addedAt: context.at, retiredAt: null }],
    statuses: unique(input.statuses),
    tlp: unique(input.tlp),
    distributions: unique(input.distributions),
    addedAt: context.at,
    addedBy: context.by,
    changedAt: context.at,
    changedBy: context.by,
  })
}
