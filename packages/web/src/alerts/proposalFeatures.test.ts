import { describe, expect, it } from 'vitest'
import type { AlertProposal } from '../api/alertProposalsApi.ts'
import { proposalFeatures } from './proposalFeatures.ts'

const ring = [
  [5.7, 50.8],
  [5.75, 50.8],
  [5.75, 50.85],
  [5.7, 50.8],
]
const proposal = {
  id: 'p1',
  identifier: 'a1',
  area: { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x! + 0.1, y!])]] },
  info: [{ headline: 'Sluit ramen', event: 'Brand' }],
} as unknown as AlertProposal

describe('proposalFeatures', () => {
  it('draws each polygon of the proposed part as a perimeter labelled with the headline', () => {
    const features = proposalFeatures(proposal).features
    expect(features.map((f) => [f.id, f.geometry.type, f.properties.kind, f.properties.label])).toEqual([
      ['p1-0', 'Polygon', 'perimeter', 'Sluit ramen'],
      ['p1-1', 'Polygon', 'perimeter', 'Sluit ramen'],
    ])
    expect(features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [ring] })
  })
})
