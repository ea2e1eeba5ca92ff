import type { Static } from 'typebox'
import type { AlertProposalBody } from '@liaison/wire'
import type { AlertProposalRow } from '../store/alerts/alertProposalRows.ts'
import { proposalOf } from '../store/alerts/alertProposalRows.ts'
import type { PartnerNames } from './incomingPresenters.ts'

/** A proposal as the API shows it: the proposal as sent, where it stands, and the origin's name. */
export function presentAlertProposal(
  row: AlertProposalRow,
  names: PartnerNames,
): Static<typeof AlertProposalBody> {
  const p = proposalOf(row)
  return {
    origin: row.origin,
    originName: names.centreOf(row.origin),
    id: row.id,
    direction: row.direction,
    toNode: row.to_node,
    toCountry: p.toCountry,
    alertId: p.alertId,
    identifier: p.identifier,
    sender: p.sender,
    status: p.status,
    alertState: p.alertState,
    relation: p.relation,
    km: p.km,
    areaDesc: p.areaDesc,
    area: { type: 'MultiPolygon', coordinates: p.area },
    info: p.info.map((i) => ({ ...i, category: [...i.category] })),
    state: row.state,
    reason: row.reason,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answeredBy: row.answered_by,
    adoptedAlertId: row.adopted_alert_id,
    proposedAt: p.proposedAt,
    receivedAt: row.created_at.toISOString(),
  }
}
