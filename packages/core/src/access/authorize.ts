import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { Principal } from './Principal.ts'
import type { Permission } from './roles.ts'
import { permissionsOf } from './roles.ts'

export type AuthorizeRefusal =
  | { readonly reason: 'forbidden'; readonly permission: Permission }
  | { readonly reason: 'insufficient_scope'; readonly permission: Permission }
  | { readonly reason: 'other_organisation'; readonly permission: Permission }

/** What a principal may do now: a user's roles; a token's scopes within its creator's roles. */
export function effectivePermissions(principal: Principal): Permission[] {
  switch (principal.kind) {
    case 'user':
      return permissionsOf(principal.roles)
    case 'token': {
      const creator = new Set(permissionsOf(principal.creatorRoles))
      return principal.scopes.filter((s) => creator.has(s))
    }
    default: {
      const exhaustive: never = principal
      return exhaustive
    }
  }
}

/**
 * May this principal use this permission, on something owned by `ownerOrgId` (when given)?
 * Organisation-scoped permissions never reach another organisation's data.
 */
export function authorize(
  principal: Principal,
  permission: Permission,
  ownerOrgId?: string | null,
): Result<void, AuthorizeRefusal> {
  if (!effectivePermissions(principal).includes(permission)) {
    const outOfScope = principal.kind === 'token' && !principal.scopes.includes(permission)
    return err({ reason: outOfScope ? 'insufficient_scope' : 'forbidden', permission })
  }
  if (ownerOrgId !== undefined && ownerOrgId !== null && ownerOrgId !== principal.orgId) {
    return err({ reason: 'other_organisation', permission })
  }
  return ok(undefined)
}
