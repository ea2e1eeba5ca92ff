import type { Caller, NewPeerInput, Peer } from '@liaison/core'
import { actorLabel, callerActor, newPeer } from '@liaison/core'
import { federationKeyIdOf, nodeSigningCrypto } from '../auth/nodeSigningCrypto.ts'
import type { NodeDocumentProblem } from '../federation/checkNodeDocument.ts'
import { checkNodeDocument, describeNodeDocumentProblem } from '../federation/checkNodeDocument.ts'
import type { NodeDocument } from '../federation/nodeDocument.ts'
import {
  replaceForeignOrganisations,
  takenOrganisationIds,
} from '../store/federation/foreignOrganisationRows.ts'
import { deletePeer, findPeer, insertPeer } from '../store/federation/peerRows.ts'
import { findCentre } from '../store/organisations/organisationRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

export interface AddPeer {
  readonly peer: NewPeerInput
  readonly caller: Caller
  readonly source: string | null
  /**
   * The node document fetched from the peer's URL (`--from-url`), or why it could not be: it
   * must verify against the key given, and its organisations are then kept as the peer's.
   */
  readonly document?:
    | { readonly ok: true; readonly value: unknown }
    | { readonly ok: false; readonly error: NodeDocumentProblem }
}

/** What the peer published, when `addPeer` was given its node document. */
export interface AddedPeer {
  readonly peer: Peer
  readonly organisations: number
}

/**
 * Adds a peer: a node this node trusts, with its URL, its public key and what it may receive
 * (an administrator of the centre, or the operator). Given the peer's node document, it takes
 * the organisations in it, but only if the document verifies against the key given.
 */
export async function addPeer(deps: ActionDeps, input: AddPeer): Promise<AddedPeer> {
  return runAction(
    deps,
    { action: 'peer.add', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(input.peer.nodeId, null, { url: input.peer.baseUrl })
      const centre = await findCentre(ctx.tx, deps.nodeId)
      requirePermission(input.caller, 'users.manage', centre?.id ?? null)
      const taken = (await findPeer(ctx.tx, input.peer.nodeId)) !== null
      const decided = newPeer(input.peer, {
        thisNodeId: deps.nodeId,
        taken,
        keyIdOf: federationKeyIdOf,
        at: ctx.at,
        by: actorLabel(callerActor(input.caller)),
      })
      if (!decided.ok) {
        const refusal = decided.error
        switch (refusal.reason) {
          case 'invalid':
            return refuse('validation_failed', refusal.problems.join('; '), { problems: refusal.problems })
          case 'peer_is_this_node':
            return refuseBecause('peer_is_this_node', `'${input.peer.nodeId}' is this node's own id`)
          case 'peer_key_malformed':
            return refuseBecause('peer_key_malformed', undefined, { field: 'public-key' })
          case 'peer_key_id_mismatch':
            return refuseBecause(
              'peer_key_id_mismatch',
              `the key id of this public key is ${refusal.expected}, not ${input.peer.keyId ?? ''}`,
              { field: 'key-id', expected: refusal.expected },
            )
          case 'peer_exists':
            return refuseBecause(
              'peer_exists',
              `a peer '${input.peer.nodeId}' is already configured; remove it first`,
            )
          default: {
            const exhaustive: never = refusal
            return exhaustive
          }
        }
      }
      const peer = decided.value
      let document: NodeDocument | null = null
      if (input.document) {
        const checked = input.document.ok
          ? await checkNodeDocument(
              input.document.value,
              { nodeId: peer.nodeId, keys: new Map(peer.keys.map((k) => [k.keyId, k.publicKey])) },
              nodeSigningCrypto(null),
            )
          : input.document
        if (!checked.ok)
          return refuseBecause(
            'peer_document_refused',
            `not added: ${describeNodeDocumentProblem(checked.error)}`,
            {
              problem: checked.error.problem,
            },
          )
        document = checked.value
        const ids = document.organisations.map((o) => o.id)
        const taken = await takenOrganisationIds(ctx.tx, peer.nodeId, ids)
        if (taken.length > 0 || new Set(ids).size !== ids.length)
          return refuseBecause(
            'peer_document_refused',
            `not added: its node document lists organisation ids that name other organisations${taken.length > 0 ? ` (${taken.join(', ')})` : ' (twice)'}`,
            { problem: 'organisation_id_taken' },
          )
      }
      await insertPeer(ctx.tx, peer)
      if (document) await replaceForeignOrganisations(ctx.tx, peer.nodeId, document.organisations, ctx.at)
      ctx.target(peer.nodeId, null, {
        url: peer.baseUrl,
        keyId: peer.keys[0]?.keyId,
        statuses: peer.statuses,
        tlp: peer.tlp,
        distributions: peer.distributions,
        organisations: document?.organisations.length ?? null,
      })
      return { peer, organisations: document?.organisations.length ?? 0 }
    },
  )
}

export interface RemovePeer {
  readonly nodeId: string
  readonly caller: Caller
  readonly source: string | null
}

/** Removes a peer with its keys and the organisations it published: nothing from it is accepted after. */
export async function removePeer(deps: ActionDeps, input: RemovePeer): Promise<void> {
  await runAction(
    deps,
    { action: 'peer.remove', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(input.nodeId, null)
      const centre = await findCentre(ctx.tx, deps.nodeId)
      requirePermission(input.caller, 'users.manage', centre?.id ?? null)
      if (!(await deletePeer(ctx.tx, input.nodeId)))
        refuseBecause('peer_unknown', `no peer '${input.nodeId}' is configured`, { field: 'id' })
    },
  )
}
