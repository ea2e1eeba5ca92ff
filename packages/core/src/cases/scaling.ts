/**
 * Scaling levels in each country's doctrine, and a crosswalk between them (../shared/DOMAIN.md).
 *
 * Sources and caveats: BE — coordination phases (communal, provincial, federal) and the 2024
 * national emergency plan's activation levels; NL — GRIP 0 to 5 (GRIP-Rijk omitted); LU — a
 * workable three-step scale to be verified with the HCPN (0 routine at CSU-112, 1 incident
 * evaluation cell, 2 Crisis Cell). The crosswalk compares the breadth of coordination, not legal
 * equivalence: neighbouring regions may scale differently for the same event, and a duty officer
 * always reads the partner's own level first. Where two levels are equally near, the lower is shown.
 */
export const doctrines = ['BE', 'NL', 'LU'] as const
export type Doctrine = (typeof doctrines)[number]

export const scalingLevels = {
  BE: ['routine', 'communal', 'provincial', 'federal'],
  NL: ['GRIP 0', 'GRIP 1', 'GRIP 2', 'GRIP 3', 'GRIP 4', 'GRIP 5'],
  LU: ['0', '1', '2'],
} as const satisfies Record<Doctrine, readonly string[]>

export type ScalingLevel<D extends Doctrine = Doctrine> = (typeof scalingLevels)[D][number]

/** Belgium's national emergency plan (2024) has activation levels of its own, beside the phase. */
export const bePlanLevels = ['stand-by', 'pre-alert', 'alert'] as const
export type BePlanLevel = (typeof bePlanLevels)[number]

export interface Scaling {
  readonly doctrine: Doctrine
  readonly level: string
  /** BE only: the national emergency plan's activation level, when the plan is activated. */
  readonly planLevel?: BePlanLevel | null | undefined
}

/**
 * A common breadth scale 0..4: 0 routine; 1 on-site coordination; 2 one municipality's crisis
 * team; 3 several municipalities or a province/region; 4 national coordination.
 */
const breadth: Record<Doctrine, Record<string, number>> = {
  BE: { routine: 0, communal: 2, provincial: 3, federal: 4 },
  NL: { 'GRIP 0': 0, 'GRIP 1': 1, 'GRIP 2': 1, 'GRIP 3': 2, 'GRIP 4': 3, 'GRIP 5': 3 },
  LU: { '0': 0, '1': 2, '2': 4 },
}

export function isScaling(value: Scaling): boolean {
  const planOk =
    value.planLevel === undefined ||
    value.planLevel === null ||
    (value.doctrine === 'BE' && (bePlanLevels as readonly string[]).includes(value.planLevel))
  return (
    (doctrines as readonly string[]).includes(value.doctrine) &&
    value.level in breadth[value.doctrine] &&
    planOk
  )
}

/** The nearest level in each other doctrine, for showing beside the case's own. */
export function crosswalk(scaling: Scaling): Record<Doctrine, string> {
  const b = breadth[scaling.doctrine][scaling.level] ?? 0
  const nearest = (d: Doctrine): string => {
    const levels = Object.entries(breadth[d])
    const match = levels.filter(([, v]) => v === b).map(([l]) => l)
    if (match.length > 0) return match[0]!
    return levels.reduce((best, cur) => (Math.abs(cur[1] - b) < Math.abs(best[1] - b) ? cur : best))[0]
  }
  return {
    BE: scaling.doctrine === 'BE' ? scaling.level : nearest('BE'),
    NL: scaling.doctrine === 'NL' ? scaling.level : nearest('NL'),
    LU: scaling.doctrine === 'LU' ? scaling.level : nearest('LU'),
  }
}
