import type { Principal } from '../access/Principal.ts'

/**
 * Who does something. `operator` is a person at the node's command line (trusted by having the
 * machine); `system` is the node itself (start-up, jobs). Users and peers arrive with identity.
 */
export type Actor =
  | { readonly kind: 'system'; readonly label: string }
  | { readonly kind: 'operator'; readonly label: string }
  | { readonly kind: 'user'; readonly userId: string; readonly username: string; readonly orgId: string }
  | {
      readonly kind: 'token'
      readonly tokenId: string
      readonly tokenName: string
      readonly userId: string
      readonly orgId: string
    }
  /** Someone not (yet) authenticated: a sign-in attempt, named by what they typed. */
  | { readonly kind: 'anonymous'; readonly label: string }

/** The organisation an actor acts for, if any. */
export function actorOrgId(actor: Actor): string | null {
  return actor.kind === 'user' || actor.kind === 'token' ? actor.orgId : null
}

export function actorFromPrincipal(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { kind: 'user', userId: principal.userId, username: principal.username, orgId: principal.orgId }
    : {
        kind: 'token',
        tokenId: principal.tokenId,
        tokenName: principal.tokenName,
        userId: principal.userId,
        orgId: principal.orgId,
      }
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'system':
      return `system:${actor.label}`
    case 'operator':
      return `operator:${actor.label}`
    case 'user':
      return `user:${actor.username}`
    case 'token':
      return `token:${actor.tokenName}#${actor.tokenId.slice(-12)}`
    case 'anonymous':
      return `anonymous:${actor.label}`
    default: {
      const exhaustive: never = actor
      return exhaustive
    }
  }
}
