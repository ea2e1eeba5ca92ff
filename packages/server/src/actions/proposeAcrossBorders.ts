import type { Alert, AlertProposal, EventStatus } from '@liaison/core'
import { alertProposalTargets, isIssuableStatus, proposalInfoOf } from '@liaison/core'
import { insertAlertProposals, proposedNeighbours } from '../store/alerts/alertProposalRows.ts'
import { peerCentres } from '../store/federation/foreignOrganisationRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import type { ActionContext } from './runAction.ts'

/**
 * When an alert is submitted for approval or issued (decision 042): each neighbouring centre its
 * area reaches into, or comes within `federation.alertProposalKm` of, and that is a peer of this
 * node, is proposed the alert once, with the part of the area on its side, in an
 * `alert-proposal.sent` event whose distribution names its node only (the federation carries
 * it, signed). A Cancel proposes nothing; an alert proposed to a neighbour before is not proposed
 * to it again. The nodes proposed to now.
 */
export async function proposeAcrossBorders(
  deps: ActionDeps,
  ctx: ActionContext,
  alert: Alert,
  alertState: AlertProposal['alertState'],
): Promise<string[]> {
  const settings = deps.alertProposals
  const { cap } = alert
  if (!settings || cap.msgType === 'Cancel' || !isIssuableStatus(cap.status)) return []
  const centres = await peerCentres(ctx.tx)
  if (centres.length === 0) return []
  const targets = alertProposalTargets(cap, { ownCountry: settings.country, withinKm: settings.withinKm })
  if (targets.length === 0) return []
  const already = new Set(await proposedNeighbours(ctx.tx, deps.nodeId, alert.id))
  const areaDesc = [...new Set(cap.info.flatMap((i) => i.area.map((a) => a.areaDesc)))].join('; ')
  const proposals: AlertProposal[] = []
  for (const target of targets)
    for (const centre of centres.filter((c) => c.country === target.country && !already.has(c.nodeId)))
      proposals.push({
        id: ctx.newId(),
        origin: deps.nodeId,
        senderOrgId: alert.orgId,
        alertId: alert.id,
        identifier: cap.identifier,
        sender: cap.sender,
        toNode: centre.nodeId,
        toCountry: target.country,
        status: cap.status,
        alertState,
        relation: target.relation,
        km: target.km,
        areaDesc: areaDesc.slice(0, 2000),
        area: target.area,
        info: proposalInfoOf(cap.info),
        proposedAt: ctx.at.toISOString(),
      })
  const written = new Set(
    await insertAlertProposals(
      ctx.tx,
      proposals.map((proposal) => ({ direction: 'sent', proposal, audience: [alert.orgId], at: ctx.at })),
    ),
  )
  const status: EventStatus =
    cap.status === 'Actual' ? 'actual' : cap.status === 'Exercise' ? 'exercise' : 'test'
  for (const proposal of proposals.filter((p) => written.has(p.id)))
    ctx.emit({
      body: { kind: 'alert-proposal.sent', proposal },
      subject: proposal.id,
      orgId: alert.orgId,
      // to the neighbour's node only: its centre receives it
      distribution: { kind: 'neighbours', nodes: [proposal.toNode] },
      status,
    })
  return proposals.filter((p) => written.has(p.id)).map((p) => p.toNode)
}
