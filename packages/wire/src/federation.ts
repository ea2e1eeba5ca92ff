import { Type } from 'typebox'
import { organisationKinds, streamRefusals } from '@liaison/core'

/** The federation protocol version this node speaks (docs/federation.md). */
export const federationProtocolVersion = 1

const KeyId = Type.String({
  pattern: '^[0-9a-f]{16}$',
  description: 'the first 16 hex of the SHA-256 of the raw public key',
})
const RawPublicKey = Type.String({
  pattern: '^[A-Za-z0-9_-]{43}$',
  description: 'the raw 32-byte Ed25519 public key, base64url without padding',
})

/** An origin's signature over the RFC 8785 canonical JSON of everything but `sig` (core's signEvent). */
export const FederationSignature = Type.Object(
  {
    keyId: KeyId,
    alg: Type.Literal('ed25519'),
    value: Type.String({ pattern: '^[A-Za-z0-9_-]{86}$', description: 'Ed25519 signature, base64url' }),
  },
  { additionalProperties: false },
)

/** An organisation of a node, as the node publishes it to its peers. */
export const FederationOrganisation = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    code: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(organisationKinds),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    languages: Type.Array(Type.String({ minLength: 2, maxLength: 35 }), {
      maxItems: 10,
      description: 'BCP 47 tags of the languages it reads, first preferred',
    }),
    version: Type.Integer({
      minimum: 1,
      description: 'grows each time the node changes what it publishes of it',
    }),
  },
  { additionalProperties: false },
)

/**
 * A node's signed identity document (`GET /federation/v1/node`, anonymous): who it is, the key
 * it signs with now and the ones it signed with before, and its organisations. Signed by the
 * current key, so a peer that knows the key checks the whole document with core's verifyEvent.
 */
export const FederationNodeDocument = Type.Object(
  {
    kind: Type.Literal('node.document'),
    protocol: Type.Integer({ minimum: 1, description: 'the federation protocol version' }),
    nodeId: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }),
    name: Type.String(),
    issuedAt: Type.String({ format: 'date-time' }),
    key: Type.Object({ keyId: KeyId, publicKey: RawPublicKey }, { additionalProperties: false }),
    retiredKeys: Type.Array(
      Type.Object(
        { keyId: KeyId, publicKey: RawPublicKey, retiredAt: Type.String({ format: 'date-time' }) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    organisations: Type.Array(FederationOrganisation, { maxItems: 1000 }),
    sig: FederationSignature,
  },
  { additionalProperties: false },
)

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' })
const NodeId = Type.String({ minLength: 1, maxLength: 64, description: 'a node id' })

/** Where a peer's stream stands: its last entry's seq and hash (seq 0 and 64 zeros before the first). */
export const FederationStreamHead = Type.Object(
  { seq: Type.Integer({ minimum: 0 }), hash: Hash },
  { additionalProperties: false },
)

/** One entry of a peer's stream: its place, the hash of the entry before, the origin's signed event. */
export const FederationStreamEntry = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    prev: Hash,
    event: Type.Object(
      { origin: NodeId, sig: FederationSignature },
      { additionalProperties: true, description: 'the event as its origin signed it (core signEvent)' },
    ),
  },
  { additionalProperties: false },
)

/**
 * What one node sends another (`POST /federation/v1/stream`, and the answer to a pull): entries
 * of the receiver's stream, in order, at most 500 (docs/federation.md, "Streams").
 */
export const FederationStreamBatch = Type.Object(
  {
    protocol: Type.Integer({ description: 'the federation protocol version' }),
    from: NodeId,
    to: NodeId,
    entries: Type.Array(FederationStreamEntry),
  },
  { additionalProperties: false },
)

/** The receiver's answer to a batch: where its copy of the stream stands, and what it refused. */
export const FederationStreamAnswer = Type.Object(
  {
    head: FederationStreamHead,
    accepted: Type.Integer({ minimum: 0, description: 'entries taken into the inbox' }),
    replayed: Type.Integer({ minimum: 0, description: 'entries received before, skipped' }),
    refusal: Type.Union([
      Type.Null(),
      Type.Object(
        {
          reason: Type.Enum([...streamRefusals]),
          seq: Type.Union([Type.Integer(), Type.Null()], {
            description: 'the entry refused; null: the batch',
          }),
          detail: Type.String(),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
)

/** A pull for catch-up: the entries after `after` of the caller's stream. */
export const FederationStreamQuery = Type.Object(
  { after: Type.Integer({ minimum: 0, description: 'the last seq the caller received' }) },
  { additionalProperties: false },
)

/** The answer to a pull: a batch of the caller's stream, and where that stream stands. */
export const FederationPullAnswer = Type.Object(
  {
    protocol: Type.Integer(),
    from: NodeId,
    to: NodeId,
    entries: Type.Array(FederationStreamEntry),
    head: FederationStreamHead,
  },
  { additionalProperties: false },
)

const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
const PeerError = Type.Union([
  Type.Null(),
  Type.Object(
    { message: Type.String(), at: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
])

const Fingerprint = Type.String({
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 (hex) of the raw public key, to compare by voice or on paper',
})
const PeerKey = Type.Object({ keyId: KeyId, fingerprint: Fingerprint }, { additionalProperties: false })

/** One partner's status (issue 9, capability 7), seen from this node. */
export const FederationPeerStatus = Type.Object(
  {
    nodeId: NodeId,
    baseUrl: Type.String(),
    reachable: Type.Union([Type.Boolean(), Type.Null()], {
      description: 'the last push was answered; null: nothing pushed yet',
    }),
    lastContactAt: When,
    protocol: Type.Union([Type.Integer(), Type.Null()], { description: 'the version it last spoke' }),
    outbound: Type.Object(
      {
        head: Type.Integer({ minimum: 0, description: 'entries in its stream' }),
        acknowledged: Type.Integer({ minimum: 0 }),
        waiting: Type.Integer({ minimum: 0, description: 'entries not yet acknowledged' }),
        oldestUnacknowledgedAt: When,
      },
      { additionalProperties: false },
    ),
    inbound: Type.Object(
      { received: Type.Integer({ minimum: 0, description: 'entries received from it' }) },
      { additionalProperties: false },
    ),
    attempts: Type.Integer({ minimum: 0, description: 'failed pushes in a row' }),
    nextAttemptAt: When,
    parkedSince: When,
    firstError: PeerError,
    lastError: PeerError,
    key: Type.Union([PeerKey, Type.Null()], { description: 'the key this node holds as its current one' }),
    pendingKey: Type.Union(
      [
        Type.Object(
          {
            keyId: KeyId,
            fingerprint: Fingerprint,
            previousKeyId: KeyId,
            rotatedAt: Type.String({ format: 'date-time' }),
            receivedAt: Type.String({ format: 'date-time' }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: 'a new key it announced, signed with its current key, not yet taken (decision 045)' },
    ),
    organisations: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          code: Type.String(),
          name: Type.String(),
          kind: Type.Enum(organisationKinds),
          country: Type.String(),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000, description: 'the organisations it published, by code' },
    ),
  },
  { additionalProperties: false },
)

/** A peer named by its node id in a path (`/api/v1/federation/peers/{nodeId}/…`). */
export const PeerParams = Type.Object(
  { nodeId: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$', description: "the peer's node id" }) },
  { additionalProperties: false },
)

/** Taking a peer's announced key: the key id the administrator checked with the peer's operator. */
export const TakePeerKeyBody = Type.Object({ keyId: KeyId }, { additionalProperties: false })

/** The key taken, and the one it replaced. */
export const TakenPeerKey = Type.Object(
  { keyId: KeyId, previousKeyId: Type.Union([KeyId, Type.Null()]) },
  { additionalProperties: false },
)
