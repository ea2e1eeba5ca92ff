import { describe, expect, it } from 'vitest'
import { partnerNames, presentIncomingItem, presentReceivedFeature } from './incomingPresenters.ts'
import type { ReceivedItemRow } from '../store/federation/receivedItemRows.ts'

const at = new Date('2026-12-03T10:00:00.000Z')
const row = (over: Partial<ReceivedItemRow>): ReceivedItemRow => ({
  origin: 'be',
  kind: 'map-feature',
  id: 'f1',
  peer: 'be',
  case_id: 'c1',
  owner_org_id: 'be-centre',
  status: 'actual',
  tlp: 'AMBER',
  distribution: { kind: 'case', caseId: 'c1' },
  audience: ['nl-centre'],
  title: 'PC avancé',
  item: { kind: 'command-post', geometry: { type: 'Point', coordinates: [5.7, 50.8] } },
  event_id: 'e1',
  changed_at: at,
  received_at: at,
  superseded_by: null,
  removed_at: null,
  acknowledged_at: null,
  acknowledged_by: null,
  acknowledged_org_id: null,
  ...over,
})
const names = partnerNames([
  {
    id: 'be-centre',
    nodeId: 'be',
    code: 'centre',
    name: 'NCCN',
    kind: 'centre',
    country: 'BE',
    languages: ['fr'],
    version: 1,
    receivedAt: at,
  },
])

describe('the presenters of received items', () => {
  it("names an item's origin by its centre, and gives times as text", () => {
    expect(presentIncomingItem(row({ kind: 'case', id: 'c1' }), names)).toMatchObject({
      origin: 'be',
      originName: 'NCCN',
      receivedAt: '2026-12-03T10:00:00.000Z',
      acknowledgedAt: null,
    })
    expect(presentIncomingItem(row({ origin: 'lu' }), names).originName).toBeNull()
  })

  it('draws a received feature with its origin, and leaves off one whose geometry is not one', () => {
    expect(presentReceivedFeature(row({}), names)).toMatchObject({
      type: 'Feature',
      id: 'be:f1',
      geometry: { type: 'Point' },
      properties: { origin: 'be', originName: 'NCCN', kind: 'command-post', label: 'PC avancé' },
    })
    for (const geometry of [null, { type: 'Point', coordinates: ['x', 1] }, { type: 'Circle' }, 'POINT(1 2)'])
      expect(presentReceivedFeature(row({ item: { kind: 'command-post', geometry } }), names)).toBeNull()
  })
})
