import { describe, expect, it } from 'vitest'
import { countriesAtPoint, nearestBorderToPoint } from '../geometry/borders.ts'
import type { CapAlert } from './CapAlert.ts'
import { alertInfoFromProposal, proposalInfoOf } from './alertFromProposal.ts'
import type { AlertProposal } from './AlertProposal.ts'
import { alertProposalTargets, capAreaPolygons } from './alertProposalTargets.ts'
import { validateCapAlert } from './validateCapAlert.ts'

const capWith = (area: { polygon?: string[]; circle?: string[]; geocode?: string[] }): CapAlert => ({
  identifier: 'a1',
  sender: 'be.liaison',
  sent: '2026-12-04T01:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [
    {
      language: 'nl-BE',
      category: ['Safety'],
      event: 'Brand',
      responseType: [],
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      eventCode: [],
      headline: 'Rook',
      description: 'Sluit ramen en deuren.',
      parameter: [],
      resource: [],
      area: [
        {
          areaDesc: 'Lanaken',
          polygon: area.polygon ?? [],
          circle: area.circle ?? [],
          geocode: (area.geocode ?? []).map((value) => ({ valueName: 'ISO3166-2', value })),
        },
      ],
    },
  ],
})
/** A CAP box polygon (lat,lon pairs) from west, south, east, north. */
const box = (w: number, s: number, e: number, n: number) =>
  `${s},${w} ${s},${e} ${n},${e} ${n},${w} ${s},${w}`

describe('alertProposalTargets', () => {
  it('clips an area across the BE–NL border at Maastricht to the Dutch side', () => {
    const targets = alertProposalTargets(capWith({ polygon: [box(5.6, 50.78, 5.75, 50.9)] }), {
      ownCountry: 'BE',
      withinKm: 10,
    })
    expect(targets.map((t) => [t.country, t.relation, t.km])).toEqual([['NL', 'crosses', 0]])
    const rings = targets[0]!.area.map((p) => p[0]!)
    // every vertex of the clipped part lies within the drawn box
    for (const ring of rings)
      for (const [lon, lat] of ring.slice(0, -1)) {
        expect(lon).toBeGreaterThanOrEqual(5.6 - 1e-9)
        expect(lon).toBeLessThanOrEqual(5.75 + 1e-9)
        expect(lat).toBeGreaterThanOrEqual(50.78 - 1e-9)
        expect(lat).toBeLessThanOrEqual(50.9 + 1e-9)
      }
    // no vertex lies in Belgium alone, but on the border (within 50 m of it, where the outlines overlap)
    for (const p of rings.flat()) {
      const at = countriesAtPoint(p)
      expect(!at.includes('BE') || at.includes('NL') || nearestBorderToPoint(p, 0.05) !== null).toBe(true)
    }
    // Maastricht's centre is in the part proposed; Lanaken (BE) is not
    const contains = (lon: number, lat: number) =>
      targets[0]!.area.some((p) => {
        const ring = p[0]!
        let inRing = false
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i]!
          const [xj, yj] = ring[j]!
          if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inRing = !inRing
        }
        return inRing
      })
    expect(contains(5.69, 50.85)).toBe(true)
    expect(contains(5.63, 50.885)).toBe(false)
  })

  it('proposes the whole area to a neighbour whose border it comes near, with the distance', () => {
    const cap = capWith({ circle: ['50.70,5.55 3'] })
    const [target, ...rest] = alertProposalTargets(cap, { ownCountry: 'BE', withinKm: 10 })
    expect(rest).toEqual([])
    expect(target).toMatchObject({ country: 'NL', relation: 'near' })
    expect(target!.km).toBeGreaterThan(5)
    expect(target!.km).toBeLessThan(10)
    expect(target!.area).toEqual(capAreaPolygons(cap))
    // nearer than the configured distance only
    expect(alertProposalTargets(cap, { ownCountry: 'BE', withinKm: 5 })).toEqual([])
  })

  it('proposes nothing for an area far from every border, or without an area', () => {
    expect(
      alertProposalTargets(capWith({ circle: ['50.45,4.35 3'] }), { ownCountry: 'BE', withinKm: 10 }),
    ).toEqual([])
    expect(alertProposalTargets(capWith({}), { ownCountry: 'BE', withinKm: 10 })).toEqual([])
  })

  it('never proposes to its own country, and finds Luxembourg from Belgium', () => {
    const targets = alertProposalTargets(capWith({ circle: ['49.9,5.75 4'] }), {
      ownCountry: 'BE',
      withinKm: 10,
    })
    expect(targets.map((t) => [t.country, t.relation])).toEqual([['LU', 'crosses']])
    const fromLu = alertProposalTargets(capWith({ circle: ['49.9,5.75 4'] }), {
      ownCountry: 'LU',
      withinKm: 10,
    })
    expect(fromLu.map((t) => [t.country, t.relation])).toEqual([['BE', 'crosses']])
  })

  it('reads a province named by its geocode as its area', () => {
    // Limburg (BE) borders the Netherlands along its whole north and east
    const targets = alertProposalTargets(capWith({ geocode: ['BE-LI'] }), { ownCountry: 'BE', withinKm: 10 })
    expect(targets.map((t) => t.country)).toEqual(['NL'])
  })
})

describe('alertInfoFromProposal', () => {
  it('turns the proposed part into a valid CAP area in every language, texts as proposed', () => {
    const cap = capWith({ polygon: [box(5.6, 50.78, 5.75, 50.9)] })
    const [target] = alertProposalTargets(cap, { ownCountry: 'BE', withinKm: 10 })
    const proposal: AlertProposal = {
      id: 'p1',
      origin: 'be',
      senderOrgId: 'o1',
      alertId: 'a1',
      identifier: 'a1',
      sender: 'be.liaison',
      toNode: 'nl',
      toCountry: 'NL',
      status: 'Actual',
      alertState: 'submitted',
      relation: target!.relation,
      km: target!.km,
      areaDesc: 'Lanaken',
      area: target!.area,
      info: proposalInfoOf(cap.info),
      proposedAt: '2026-12-04T00:00:00.000Z',
    }
    const info = alertInfoFromProposal(proposal)
    expect(info).toHaveLength(1)
    expect(info[0]).toMatchObject({ language: 'nl-BE', event: 'Brand', headline: 'Rook', severity: 'Severe' })
    expect(info[0]!.area[0]!.polygon.length).toBe(target!.area.length)
    const adopted: CapAlert = { ...cap, identifier: 'n1', sender: 'nl.liaison', info }
    expect(validateCapAlert(adopted)).toEqual([])
  })
})
