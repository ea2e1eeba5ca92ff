import type { CapArea, CapInfo } from './CapAlert.ts'
import type { AlertProposal } from './AlertProposal.ts'

/** A ring of [lon, lat] as a CAP polygon (`lat,lon` pairs), six decimals, repeated points dropped. */
function capPolygonOf(ring: readonly (readonly [number, number])[]): string | null {
  const points: string[] = []
  for (const [lon, lat] of ring) {
    const p = `${Math.round(lat * 1e6) / 1e6},${Math.round(lon * 1e6) / 1e6}`
    if (points.at(-1) !== p) points.push(p)
  }
  if (points[0] !== points.at(-1) && points[0] !== undefined) points.push(points[0])
  return points.length >= 4 ? points.join(' ') : null
}

/**
 * The info blocks of a draft alert adopted from a proposal (decision 042): each language's texts
 * and codes as proposed, with the proposal's area (its outer rings as CAP polygons) as the one
 * area, described as the original was. The adopting centre's own four eyes still apply.
 */
export function alertInfoFromProposal(proposal: AlertProposal): CapInfo[] {
  const area: CapArea = {
    areaDesc: proposal.areaDesc,
    polygon: proposal.area.flatMap((rings) => {
      const outer = rings[0]
      const text = outer ? capPolygonOf(outer) : null
      return text === null ? [] : [text]
    }),
    circle: [],
    geocode: [],
  }
  return proposal.info.map((i): CapInfo => ({
    language: i.language,
    category: [...i.category],
    event: i.event,
    responseType: [],
    urgency: i.urgency,
    severity: i.severity,
    certainty: i.certainty,
    eventCode: [],
    ...(i.onset === null ? {} : { onset: i.onset }),
    ...(i.expires === null ? {} : { expires: i.expires }),
    ...(i.headline === null ? {} : { headline: i.headline }),
    ...(i.description === null ? {} : { description: i.description }),
    ...(i.instruction === null ? {} : { instruction: i.instruction }),
    parameter: [],
    resource: [],
    area: [area],
  }))
}

/** The proposal's info blocks, taken from the alert's: texts and codes, without areas. */
export function proposalInfoOf(info: readonly CapInfo[]): AlertProposal['info'] {
  return info.map((i) => ({
    language: i.language ?? 'en-US',
    category: [...i.category],
    event: i.event,
    urgency: i.urgency,
    severity: i.severity,
    certainty: i.certainty,
    headline: i.headline ?? null,
    description: i.description ?? null,
    instruction: i.instruction ?? null,
    onset: i.onset ?? null,
    expires: i.expires ?? null,
  }))
}
