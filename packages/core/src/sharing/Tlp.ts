import type { Distribution } from './Distribution.ts'

/** Traffic Light Protocol 2.0: how a reader may pass an item on (separate from who sees it). */
export const tlpLevels = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const
export type Tlp = (typeof tlpLevels)[number]

export type SharingRefusal = 'red_needs_named_organisations'

/**
 * May an item of this TLP carry this distribution? TLP:RED goes only to named organisations
 * (`organisation`, `case`, `group`), never to a node, a set of nodes or the federation.
 */
export function sharingRefusal(distribution: Distribution, tlp: Tlp): SharingRefusal | null {
  if (tlp !== 'RED') return null
  switch (distribution.kind) {
    case 'organisation':
    case 'case':
    case 'group':
      return null
    case 'national':
    case 'neighbours':
    case 'federation':
      return 'red_needs_named_organisations'
    default: {
      const never: never = distribution
      return never
    }
  }
}
