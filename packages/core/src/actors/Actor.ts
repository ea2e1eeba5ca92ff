/**
 * Who does something. `operator` is a person at the node's command line (trusted by having the
 * machine); `system` is the node itself (start-up, jobs). Users and peers arrive with identity.
 */
export type Actor =
  { readonly kind: 'system'; readonly label: string } | { readonly kind: 'operator'; readonly label: string }

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'system':
      return `system:${actor.label}`
    case 'operator':
      return `operator:${actor.label}`
    default: {
      const exhaustive: never = actor
      return exhaustive
    }
  }
}
