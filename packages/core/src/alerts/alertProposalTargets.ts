import { flatToPositions, beneluxCountries, beneluxProvinces } from '../areas/beneluxAreas.ts'
import { borderDistanceKm } from '../geometry/borders.ts'
import { clipToCountry, combineAreas, type MultiPolygonCoordinates } from '../geometry/combineAreas.ts'
import type { CapAlert } from './CapAlert.ts'
import type { AlertProposalRelation } from './AlertProposal.ts'
import { capAreasGeoJson } from './capAreasGeoJson.ts'

/** The Benelux countries a centre can be a neighbour of; each runs one node. */
const neighbourCountries = ['BE', 'NL', 'LU'] as const

export interface AlertProposalTarget {
  readonly country: string
  readonly relation: AlertProposalRelation
  readonly km: number
  readonly area: MultiPolygonCoordinates
}

/**
 * A CAP message's areas as one MultiPolygon: drawn polygons and circles, and geocodes that name a
 * shipped country or province ("BE-LG").
 */
export function capAreaPolygons(cap: CapAlert): MultiPolygonCoordinates {
  const areas: MultiPolygonCoordinates[] = []
  for (const feature of capAreasGeoJson(cap).features) {
    if (feature.geometry) areas.push(feature.geometry.coordinates)
    for (const code of feature.properties.geocode) {
      const shipped = [...beneluxCountries(), ...beneluxProvinces()].find((a) => a.code === code.value)
      if (shipped) areas.push(shipped.polygons.map(flatToPositions))
    }
  }
  return areas.length === 0 ? [] : combineAreas({ areas })
}

/**
 * The neighbouring centres an alert is proposed to (decision 042): for each Benelux country other
 * than the sender's, the part of the area inside it (clipped at its border with polyclip-ts) when
 * the area reaches into it, or the whole area when it comes within `withinKm` of the land border
 * between the two. Sorted by country; empty for an area that does neither.
 */
export function alertProposalTargets(
  cap: CapAlert,
  options: { readonly ownCountry: string; readonly withinKm: number },
): AlertProposalTarget[] {
  const area = capAreaPolygons(cap)
  if (area.length === 0) return []
  const targets: AlertProposalTarget[] = []
  for (const country of neighbourCountries) {
    if (country === options.ownCountry) continue
    const clipped = clipToCountry(area, country)
    if (clipped.length > 0) {
      targets.push({ country, relation: 'crosses', km: 0, area: clipped })
      continue
    }
    const km = borderDistanceKm(area, [options.ownCountry, country], options.withinKm)
    if (km !== null) targets.push({ country, relation: 'near', km: Math.round(km * 10) / 10, area })
  }
  return targets
}
