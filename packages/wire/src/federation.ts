import { Type } from 'typebox'
import { organisationKinds } from '@liaison/core'

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
