import type { Caller, KeyAnnouncement } from '@liaison/core'
import { callerActor, signEvent } from '@liaison/core'
import type { NodePublicKey, NodeSigningKey } from '../auth/loadSigningKey.ts'
import { federationPublicKey, nodeSigningCrypto } from '../auth/nodeSigningCrypto.ts'
import { rotateNodeKeyRows } from '../store/federation/nodeKeyRows.ts'
import { peerPolicies } from '../store/federationDirectory.ts'
import { findCentre } from '../store/organisations/organisationRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuseBecause, runAction } from './runAction.ts'

export interface RotateNodeKey {
  /** The key the node signs with now: it signs the announcement, then is retired. */
  readonly previous: NodeSigningKey
  /** The new key (its private half is the caller's to keep). */
  readonly next: NodePublicKey
  readonly caller: Caller
  readonly source: string | null
}

/** What a rotation did: the announcement signed by the previous key, and how many peers it goes to. */
export interface RotatedNodeKey {
  readonly announcement: KeyAnnouncement & { readonly sig: { readonly keyId: string } }
  readonly peers: number
}

/**
 * Rotates the node's signing key (decision 045), one audited action (`node.key-rotate`): the
 * previous key is retired in `node_keys` (what it signed keeps verifying by its key id), the new
 * one becomes current, and a `node.key-rotated` event carrying the new key, signed by the previous
 * one, goes into every peer's stream, so that each can trust it. Writing the key file is the
 * caller's (`liaison node rotate-key`), after this commits.
 */
export async function rotateNodeKey(deps: ActionDeps, input: RotateNodeKey): Promise<RotatedNodeKey> {
  return runAction(
    deps,
    { action: 'node.key-rotate', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(deps.nodeId, null, { previousKeyId: input.previous.keyId, keyId: input.next.keyId })
      const centre = await findCentre(ctx.tx, deps.nodeId)
      requirePermission(input.caller, 'users.manage', centre?.id ?? null)
      if (input.previous.keyId === input.next.keyId)
        return refuseBecause('no_change', 'the new key is the key the node signs with now')
      const unsigned: KeyAnnouncement = {
        kind: 'node.key-announcement',
        nodeId: deps.nodeId,
        keyId: input.next.keyId,
        publicKey: federationPublicKey(input.next),
        previousKeyId: input.previous.keyId,
        rotatedAt: ctx.at.toISOString(),
      }
      const announcement = await signEvent(unsigned, {
        keyId: input.previous.keyId,
        crypto: nodeSigningCrypto(input.previous),
      })
      await rotateNodeKeyRows(
        ctx.tx,
        { keyId: input.previous.keyId, publicKey: federationPublicKey(input.previous) },
        { keyId: input.next.keyId, publicKey: unsigned.publicKey },
        ctx.at,
      )
      const peers = (await peerPolicies(ctx.tx)).length
      // no peer, or no centre to own the event: nobody to tell
      if (centre && peers > 0)
        ctx.emit({
          body: { kind: 'node.key-rotated', announcement },
          subject: deps.nodeId,
          orgId: centre.id,
          distribution: { kind: 'federation' },
          tlp: 'CLEAR',
        })
      return { announcement, peers: centre ? peers : 0 }
    },
  )
}
