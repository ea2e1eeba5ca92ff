import type { FeatureCollection } from '../api/dutyApi.ts'
import type { AlertProposal } from '../api/alertProposalsApi.ts'

const noCase = '00000000-0000-0000-0000-000000000000'

/** A proposal's area (the part on this side of the border) as perimeters on the map, one per polygon. */
export function proposalFeatures(proposal: AlertProposal): FeatureCollection {
  const label = proposal.info[0]?.headline ?? proposal.info[0]?.event ?? proposal.identifier
  return {
    type: 'FeatureCollection',
    features: proposal.area.coordinates.map((polygon, i) => ({
      type: 'Feature',
      id: `${proposal.id}-${i}`,
      geometry: {
        type: 'Polygon',
        coordinates: polygon.map((ring) => ring.map((p): [number, number] => [p[0] ?? 0, p[1] ?? 0])),
      },
      properties: { caseId: noCase, kind: 'perimeter' as const, label },
    })),
  }
}
