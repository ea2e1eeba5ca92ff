import type {
  AudienceFacts,
  Distribution,
  EventStatus,
  IncomingNotice,
  ItemReceipt,
  ReceivedItemKind,
} from '@liaison/core'
import { checkKeyAnnouncement, readReceivedEvent, receivedAudience } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { runAction } from '../actions/runAction.ts'
import { federationKeyIdOf, nodeSigningCrypto } from '../auth/nodeSigningCrypto.ts'
import { loadAudienceFacts } from '../store/audienceFacts.ts'
import {
  replaceForeignOrganisations,
  takenOrganisationIds,
} from '../store/federation/foreignOrganisationRows.ts'
import { setPendingPeerKey } from '../store/federation/pendingKeyRows.ts'
import { findPeer } from '../store/federation/peerRows.ts'
import {
  heldReceivedKeys,
  lockPeerForApply,
  markInboxDone,
  markRemoved,
  markSuperseded,
  receivedCaseMembers,
  receivedItemsOfCase,
  setReceivedAudiences,
  unappliedEntries,
  upsertReceipts,
  upsertReceivedItem,
} from '../store/federation/receivedItemRows.ts'
import { findCentre } from '../store/organisations/organisationRows.ts'
import { applyProposalAnswer, insertAlertProposals } from '../store/alerts/alertProposalRows.ts'

const verifier = nodeSigningCrypto(null)

/** How many inbox entries one transaction applies. */
export const inboxApplyBatchSize = 200

/** What one batch did. */
export interface InboxApplied {
  readonly applied: number
  readonly skipped: number
}

/**
 * Applies the next entries of one peer's inbox, in seq order, into the read models of received
 * items (decision 035), in one audited action (`federation.apply`): each entry's change written,
 * the entries marked applied (or skipped: a kind not applied, a shape not of its kind, an event
 * whose origin is not the peer) in the same transaction, and one `receipt.recorded` event per
 * status telling the origin what was delivered. A crash before the commit leaves everything for
 * the next try; an entry marked is never applied again, and applying one again would write the
 * same rows. The audience of each item is core's `receivedAudience`, re-derived for a case's
 * items whenever the case (and its participants) changes.
 */
export async function applyInboxBatch(
  deps: ActionDeps,
  peer: string,
  limit = inboxApplyBatchSize,
): Promise<InboxApplied> {
  return runAction(
    deps,
    {
      action: 'federation.apply',
      actor: { kind: 'system', label: 'federation-apply' },
      source: `peer ${peer}`,
    },
    async (ctx) => {
      const { tx } = ctx
      if (!(await lockPeerForApply(tx, peer))) return { applied: 0, skipped: 0 }
      const entries = await unappliedEntries(tx, peer, limit)
      if (entries.length === 0) return { applied: 0, skipped: 0 }

      const reads = entries.map((e) => ({ seq: e.seq, read: readReceivedEvent(e.event) }))
      const caseIds = new Set<string>()
      const groups: Distribution[] = []
      for (const { read } of reads)
        if (read.ok) {
          if (read.envelope.distribution.kind === 'case') caseIds.add(read.envelope.distribution.caseId)
          else groups.push(read.envelope.distribution)
        }
      const base = await loadAudienceFacts(tx, deps.nodeId, groups)
      const members = new Map(await receivedCaseMembers(tx, peer, [...caseIds]))
      const facts = (): AudienceFacts => ({ ...base, caseParticipants: members })
      const audienceOf = (ownerOrgId: string, distribution: Distribution) =>
        receivedAudience({ origin: peer, ownerOrgId, distribution }, facts())

      // what this node held before the batch: an item new to it is announced (not an update)
      const held = await heldReceivedKeys(
        tx,
        peer,
        reads.flatMap(({ read }) =>
          read.ok && read.change.kind === 'upsert'
            ? [{ kind: read.change.itemKind, id: read.change.id }]
            : [],
        ),
      )
      const notices = new Map<string, { orgId: string; status: EventStatus; items: IncomingNotice[] }>()
      const announce = (audience: readonly string[], status: EventStatus, notice: IncomingNotice) => {
        if (held.has(`${notice.kind} ${notice.id}`)) return
        for (const orgId of audience) {
          const group = notices.get(`${orgId} ${status}`) ?? { orgId, status, items: [] }
          if (!group.items.some((i) => i.kind === notice.kind && i.id === notice.id)) group.items.push(notice)
          notices.set(`${orgId} ${status}`, group)
        }
      }

      let keyAnnounced: string | null = null
      let organisations: number | null = null
      const applied: number[] = []
      const changedCases = new Set<string>()
      const skipped: { seq: number; why: string }[] = []
      const delivered = new Map<EventStatus, Map<string, ItemReceipt>>()
      const deliver = (status: EventStatus, itemKind: ReceivedItemKind, itemId: string) => {
        const list = delivered.get(status) ?? new Map<string, ItemReceipt>()
        list.set(`${itemKind} ${itemId}`, {
          itemId,
          itemKind,
          state: 'delivered',
          at: ctx.at.toISOString(),
          orgId: null,
          byName: null,
        })
        delivered.set(status, list)
      }

      for (const { seq, read } of reads) {
        if (!read.ok) {
          skipped.push({ seq, why: `${read.skip}: ${read.detail}` })
          continue
        }
        const { envelope: env, change } = read
        // no item hops on by itself: what a peer sends is its own
        if (env.origin !== peer) {
          skipped.push({ seq, why: `not_origin: ${env.origin}` })
          continue
        }
        switch (change.kind) {
          case 'upsert': {
            if (change.itemKind === 'case') {
              const participants = (change.item['participants'] as string[] | undefined) ?? []
              members.set(change.id, [env.orgId, ...participants])
            }
            const audience = audienceOf(env.orgId, env.distribution)
            // the map has its own list; cases, log entries and tasks are announced
            if (change.itemKind !== 'map-feature')
              announce(audience, env.status, {
                origin: env.origin,
                kind: change.itemKind,
                id: change.id,
                caseId: change.caseId,
                title: change.title,
              })
            await upsertReceivedItem(tx, {
              origin: env.origin,
              kind: change.itemKind,
              id: change.id,
              peer,
              caseId: change.caseId,
              ownerOrgId: env.orgId,
              status: env.status,
              tlp: env.tlp,
              distribution: env.distribution,
              audience,
              title: change.title,
              item: change.item,
              eventId: env.id,
              changedAt: env.at,
              receivedAt: ctx.at,
            })
            if (change.supersedes !== null) await markSuperseded(tx, env.origin, change.supersedes, change.id)
            // who takes part may have changed: what the case holds is seen again, once per batch
            if (change.itemKind === 'case') changedCases.add(change.id)
            deliver(env.status, change.itemKind, change.id)
            break
          }
          case 'remove':
            await markRemoved(tx, { origin: env.origin, kind: change.itemKind, id: change.id }, ctx.at)
            deliver(env.status, change.itemKind, change.id)
            break
          case 'receipts':
            await upsertReceipts(tx, peer, change.receipts, ctx.at)
            break
          case 'alert-proposal': {
            // a proposal of the peer's own alert, addressed to this node (decision 042)
            const { proposal } = change
            if (proposal.origin !== peer || proposal.toNode !== deps.nodeId) {
              skipped.push({ seq, why: `not_addressed: ${proposal.toNode}` })
              continue
            }
            const audience = audienceOf(env.orgId, env.distribution)
            await insertAlertProposals(tx, [{ direction: 'received', proposal, audience, at: ctx.at }])
            break
          }
          case 'alert-proposal-answer': {
            // an answer to a proposal of this node, by the node it was sent to
            const { answer } = change
            if (answer.origin !== deps.nodeId || answer.node !== peer) {
              skipped.push({ seq, why: `not_addressed: ${answer.origin}` })
              continue
            }
            await applyProposalAnswer(tx, deps.nodeId, answer)
            break
          }
          case 'key-announcement': {
            // trusted only when signed by the key this node holds as the peer's current one
            const known = await findPeer(tx, peer)
            const current = known?.keys.find((k) => k.retiredAt === null) ?? null
            const checked = await checkKeyAnnouncement(
              change.announcement,
              { nodeId: peer, current, keyIdOf: federationKeyIdOf },
              verifier,
            )
            if (!checked.ok) {
              skipped.push({ seq, why: `key_announcement_refused: ${checked.error}` })
              continue
            }
            const a = checked.value
            await setPendingPeerKey(tx, {
              nodeId: peer,
              keyId: a.keyId,
              publicKey: a.publicKey,
              previousKeyId: a.previousKeyId,
              rotatedAt: new Date(a.rotatedAt),
              receivedAt: ctx.at,
              announcement: change.announcement,
            })
            keyAnnounced = a.keyId
            break
          }
          case 'organisations': {
            // an organisation id names one organisation in the whole federation
            const ids = change.organisations.map((o) => o.id)
            const taken = await takenOrganisationIds(tx, peer, ids)
            if (taken.length > 0 || new Set(ids).size !== ids.length) {
              skipped.push({ seq, why: `organisation_id_taken: ${taken.join(', ') || 'twice'}` })
              continue
            }
            await replaceForeignOrganisations(tx, peer, change.organisations, ctx.at)
            organisations = change.organisations.length
            break
          }
          default: {
            const exhaustive: never = change
            return exhaustive
          }
        }
        applied.push(seq)
      }
      // each case whose members changed: its items' audience from its members at the batch's end
      for (const caseId of changedCases) {
        const items = await receivedItemsOfCase(tx, peer, caseId)
        await setReceivedAudiences(
          tx,
          peer,
          items.map((i) => ({
            kind: i.kind,
            id: i.id,
            audience: audienceOf(i.ownerOrgId, i.distribution as Distribution),
          })),
        )
      }
      await markInboxDone(tx, peer, { applied, skipped: skipped.map((s) => s.seq) }, ctx.at)

      if (delivered.size > 0) {
        const centre = await findCentre(tx, deps.nodeId)
        if (centre)
          for (const [status, receipts] of delivered)
            ctx.emit({
              body: { kind: 'receipt.recorded', receipts: [...receipts.values()] },
              subject: peer,
              orgId: centre.id,
              // a receipt goes back to the origin only
              distribution: { kind: 'neighbours', nodes: [peer] },
              status,
            })
      }
      // each organisation that sees something new is told, on this node only
      for (const { orgId, status, items } of notices.values())
        ctx.emit({
          body: { kind: 'incoming.received', items: items.slice(0, 100) },
          subject: items[0]?.id ?? peer,
          orgId,
          distribution: { kind: 'organisation' },
          status,
        })
      ctx.target(peer, null, {
        from: entries[0]?.seq,
        to: entries.at(-1)?.seq,
        applied: applied.length,
        skipped: skipped.length,
        ...(keyAnnounced !== null ? { pendingKey: keyAnnounced } : {}),
        ...(organisations !== null ? { organisations } : {}),
        ...(skipped.length > 0 ? { skips: skipped.slice(0, 20) } : {}),
      })
      return { applied: applied.length, skipped: skipped.length }
    },
  )
}
