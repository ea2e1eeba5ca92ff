import type { Role } from '../access/roles.ts'

export const organisationKinds = ['centre', 'partner'] as const
export type OrganisationKind = (typeof organisationKinds)[number]

export const countries = ['BE', 'NL', 'LU'] as const
export type Country = (typeof countries)[number]

/**
 * An organisation of a node: the node's crisis centre (exactly one) or a partner under it
 * (police, fire and rescue, medical services, a governor or safety region...).
 */
export interface Organisation {
  readonly id: string
  readonly nodeId: string
  /** Short, stable, unique on its node: `nccn`, `police-federale`. */
  readonly code: string
  readonly name: string
  readonly kind: OrganisationKind
  readonly country: Country
  /** The centre a partner sits under; null for the centre itself. */
  readonly parentId: string | null
  readonly createdAt: Date
  /**
   * The roles this organisation's own administrators may grant, as the centre's administrator
   * allows (see grantRoles.ts); null for the centre, whose administrators grant any role.
   */
  readonly grantableRoles: readonly Role[] | null
}
