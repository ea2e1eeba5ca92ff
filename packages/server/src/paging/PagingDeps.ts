import type { ActionDeps } from '../actions/ActionDeps.ts'
import type { AppDeps } from '../http/AppDeps.ts'
import type { PagingSender } from './pagingSender.ts'

/** What the paging actions need besides an action's deps. */
export interface PagingDeps extends ActionDeps {
  readonly paging: PagingSender
  /** The node's own address: the acknowledgement link in each page starts with it. */
  readonly nodeUrl: () => string
  /** The centre's name, as each message begins. */
  readonly centreName: string
}

/** The acknowledgement link of one page to one person. */
export function acknowledgeUrlOf(deps: Pick<PagingDeps, 'nodeUrl'>, token: string): string {
  return `${deps.nodeUrl()}/paging/acknowledge/${token}`
}

/** The paging deps of a node's app: its sender, or one with no channel (every kind refused). */
export function pagingDepsOf(deps: AppDeps): PagingDeps {
  return { ...deps, paging: deps.paging ?? noPaging, centreName: deps.config.node.name }
}

const noPaging: PagingSender = { kinds: new Set(), send: () => Promise.resolve([]) }
