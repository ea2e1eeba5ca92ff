import type { Static } from 'typebox'
import type { Tlp } from '@liaison/core'
import { parseGeometry } from '@liaison/core'
import type { IncomingItemBody, ReceiptBody, ReceivedFeatureBody } from '@liaison/wire'
import type { ForeignOrganisation } from '../store/federation/foreignOrganisationRows.ts'
import type { ReceivedItemRow } from '../store/federation/receivedItemRows.ts'
import type { Database } from '../store/schema.ts'
import type { Selectable } from 'kysely'

/** What the presenters need to name partners: the organisations peers published. */
export interface PartnerNames {
  /** A node's centre's name. */
  centreOf(nodeId: string): string | null
  /** An organisation's name, by id. */
  organisation(id: string): string | null
}

export function partnerNames(foreign: readonly ForeignOrganisation[]): PartnerNames {
  const centres = new Map(foreign.filter((o) => o.kind === 'centre').map((o) => [o.nodeId, o.name]))
  const byId = new Map(foreign.map((o) => [o.id, o.name]))
  return {
    centreOf: (nodeId) => centres.get(nodeId) ?? null,
    organisation: (id) => byId.get(id) ?? null,
  }
}

export function presentIncomingItem(
  r: ReceivedItemRow,
  names: PartnerNames,
): Static<typeof IncomingItemBody> {
  return {
    origin: r.origin,
    originName: names.centreOf(r.origin),
    kind: r.kind,
    id: r.id,
    caseId: r.case_id,
    title: r.title,
    status: r.status,
    tlp: r.tlp as Tlp,
    receivedAt: r.received_at.toISOString(),
    changedAt: r.changed_at.toISOString(),
    supersededBy: r.superseded_by,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by,
    item: r.item,
  }
}

/**
 * A received map feature as GeoJSON, its geometry checked again with core's `parseGeometry`;
 * null when it is not a geometry this node draws (it is then left off the map, never a 500).
 */
export function presentReceivedFeature(
  r: ReceivedItemRow,
  names: PartnerNames,
): Static<typeof ReceivedFeatureBody> | null {
  const item = r.item as { geometry?: unknown; kind?: unknown }
  const parsed = parseGeometry(item.geometry)
  if (!('geometry' in parsed)) return null
  return {
    type: 'Feature',
    id: `${r.origin}:${r.id}`,
    geometry: parsed.geometry,
    properties: {
      origin: r.origin,
      originName: names.centreOf(r.origin),
      caseId: r.case_id,
      kind: typeof item.kind === 'string' ? item.kind : 'point',
      label: r.title,
      status: r.status,
      tlp: r.tlp as Tlp,
    },
  }
}

export function presentReceipt(
  r: Selectable<Database['federation_receipts']>,
  names: PartnerNames,
): Static<typeof ReceiptBody> {
  return {
    itemId: r.item_id,
    itemKind: r.item_kind as Static<typeof ReceiptBody>['itemKind'],
    node: r.node,
    state: r.state,
    at: r.at.toISOString(),
    orgId: r.org_id,
    orgName: r.org_id ? names.organisation(r.org_id) : null,
    byName: r.by_name,
    receivedAt: r.received_at.toISOString(),
  }
}
