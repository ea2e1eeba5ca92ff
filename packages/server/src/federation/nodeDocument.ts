import type { SignedEvent } from '@liaison/core'
import { signEvent } from '@liaison/core'
import type { Static } from 'typebox'
import type { FederationNodeDocument } from '@liaison/wire'
import { federationProtocolVersion } from '@liaison/wire'
import type { Kysely } from 'kysely'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import { federationPublicKey, nodeSigningCrypto } from '../auth/nodeSigningCrypto.ts'
import { listNodeKeys } from '../store/federation/nodeKeyRows.ts'
import type { Database } from '../store/schema.ts'
import { publishedOrganisations } from './publishedOrganisations.ts'

export type NodeDocument = Static<typeof FederationNodeDocument>

/**
 * This node's identity document, signed with its current key: its id and name, the protocol
 * version, the current key and the retired ones (so what they signed still verifies), and its
 * organisations. Organisations carry version 1 until an organisation can change what it
 * publishes (docs/federation.md).
 */
export async function nodeDocument(deps: {
  readonly db: Kysely<Database>
  readonly nodeId: string
  readonly name: string
  readonly signingKey: NodeSigningKey
  readonly at: Date
}): Promise<NodeDocument> {
  const [keys, organisations] = await Promise.all([
    listNodeKeys(deps.db),
    publishedOrganisations(deps.db, deps.nodeId),
  ])
  const current = deps.signingKey.keyId
  const unsigned = {
    kind: 'node.document' as const,
    protocol: federationProtocolVersion,
    nodeId: deps.nodeId,
    name: deps.name,
    issuedAt: deps.at.toISOString(),
    key: { keyId: current, publicKey: federationPublicKey(deps.signingKey) },
    retiredKeys: keys
      .filter((k) => k.keyId !== current)
      .map((k) => ({
        keyId: k.keyId,
        publicKey: k.publicKey,
        retiredAt: (k.retiredAt ?? deps.at).toISOString(),
      })),
    organisations: organisations.map((o) => ({ ...o, languages: [...o.languages] })),
  }
  const signed: SignedEvent<typeof unsigned> = await signEvent(unsigned, {
    keyId: current,
    crypto: nodeSigningCrypto(deps.signingKey),
  })
  return signed
}
