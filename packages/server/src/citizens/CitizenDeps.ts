import type { ActionDeps } from '../actions/ActionDeps.ts'
import type { CitizenSender } from './citizenSender.ts'

/** What the citizen actions need besides an action's deps: the sender of codes, and where citizens go. */
export interface CitizenDeps extends ActionDeps {
  readonly sender: CitizenSender
  /** Whether Web Push is offered (the push channel is built). */
  readonly pushOffered: boolean
  /** The push services a subscription may be on (`push.serviceHosts`): no other endpoint is registered. */
  readonly pushHosts: readonly string[]
  /** The public listener's address, without a trailing slash: the links in each message. */
  readonly publicBase: () => string
  /** The centre's name, on the pages this listener shows. */
  readonly centre: string
}

/** An address's one-click unsubscribe link (RFC 8058: GET shows a page, POST unsubscribes). */
export function unsubscribeUrlOf(deps: Pick<CitizenDeps, 'publicBase'>, token: string): string {
  return `${deps.publicBase()}/public/v1/unsubscribe/${token}`
}

/** Where a person manages a registration: the public page. */
export function manageUrlOf(deps: Pick<CitizenDeps, 'publicBase'>): string {
  return `${deps.publicBase()}/`
}
