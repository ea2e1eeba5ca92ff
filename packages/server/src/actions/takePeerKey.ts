import type { Caller } from '@liaison/core'
import { callerActor, peerPublicKeyBytes, toBase64url } from '@liaison/core'
import { federationKeyIdOf } from '../auth/nodeSigningCrypto.ts'
import { deletePendingPeerKey, listPendingPeerKeys } from '../store/federation/pendingKeyRows.ts'
import { findPeer, makePeerKeyCurrent } from '../store/federation/peerRows.ts'
import { findCentre } from '../store/organisations/organisationRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuseBecause, runAction } from './runAction.ts'

export interface TakePeerKey {
  readonly nodeId: string
  /**
   * The peer's new key given out of band (base64 or base64url); null: the key it announced,
   * signed with its current key, which is pending here.
   */
  readonly publicKey: string | null
  /** The key id the operator expects (read to them by the peer's operator), to check; optional. */
  readonly keyId: string | null
  readonly caller: Caller
  readonly source: string | null
}

/** The key taken and the one it replaces. */
export interface TakenPeerKey {
  readonly keyId: string
  readonly previousKeyId: string | null
}

/**
 * Makes a peer's new key current (decision 045), one audited action (`peer.take-key`), by an
 * administrator of the centre or the operator: the key it announced (pending), or one given out of
 * band. Its previous key is retired now: what it signed before keeps verifying, and what arrives
 * signed with it still verifies for `federation.keyGraceSeconds`.
 */
export async function takePeerKey(deps: ActionDeps, input: TakePeerKey): Promise<TakenPeerKey> {
  return runAction(
    deps,
    { action: 'peer.take-key', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(input.nodeId, null)
      const centre = await findCentre(ctx.tx, deps.nodeId)
      requirePermission(input.caller, 'users.manage', centre?.id ?? null)
      const peer = await findPeer(ctx.tx, input.nodeId)
      if (!peer)
        return refuseBecause('peer_unknown', `no peer '${input.nodeId}' is configured`, { field: 'id' })
      let key: { keyId: string; publicKey: string }
      if (input.publicKey !== null) {
        const raw = peerPublicKeyBytes(input.publicKey)
        if (!raw) return refuseBecause('peer_key_malformed', undefined, { field: 'publicKey' })
        key = { keyId: federationKeyIdOf(raw), publicKey: toBase64url(raw) }
      } else {
        const pending = (await listPendingPeerKeys(ctx.tx, input.nodeId))[0]
        if (!pending)
          return refuseBecause('peer_key_none_pending', `peer '${input.nodeId}' has announced no new key`)
        key = { keyId: pending.keyId, publicKey: pending.publicKey }
      }
      if (input.keyId !== null && input.keyId !== key.keyId)
        return refuseBecause(
          'peer_key_id_mismatch',
          `the key id of this key is ${key.keyId}, not ${input.keyId}`,
          { field: 'keyId', expected: key.keyId },
        )
      const previous = peer.keys.find((k) => k.retiredAt === null)?.keyId ?? null
      if (previous === key.keyId) return refuseBecause('no_change', `${key.keyId} is already its current key`)
      await makePeerKeyCurrent(ctx.tx, input.nodeId, key, ctx.at)
      await deletePendingPeerKey(ctx.tx, input.nodeId)
      ctx.target(input.nodeId, null, {
        keyId: key.keyId,
        previousKeyId: previous,
        announced: input.publicKey === null,
      })
      return { keyId: key.keyId, previousKeyId: previous }
    },
  )
}
