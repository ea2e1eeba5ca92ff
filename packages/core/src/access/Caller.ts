import type { Actor } from '../actors/Actor.ts'
import { actorFromPrincipal } from '../actors/Actor.ts'
import type { Result } from '../result.ts'
import { ok } from '../result.ts'
import type { Principal } from './Principal.ts'
import type { AuthorizeRefusal } from './authorize.ts'
import { authorize } from './authorize.ts'
import type { Permission } from './roles.ts'

/**
 * Who asks for an action: an authenticated principal (a user or an API token), the operator at
 * the node's command line, or the node itself. The last two are trusted by holding the machine.
 */
export type Caller =
  | Principal
  | { readonly kind: 'operator'; readonly label: string }
  | { readonly kind: 'system'; readonly label: string }

export function callerActor(caller: Caller): Actor {
  return caller.kind === 'operator' || caller.kind === 'system' ? caller : actorFromPrincipal(caller)
}

export function authorizeCaller(
  caller: Caller,
  permission: Permission,
  ownerOrgId?: string | null,
): Result<void, AuthorizeRefusal> {
  return caller.kind === 'operator' || caller.kind === 'system'
    ? ok(undefined)
    : authorize(caller, permission, ownerOrgId)
}
