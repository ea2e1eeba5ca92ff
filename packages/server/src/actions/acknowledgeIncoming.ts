import type { Caller, ReceivedItemKind } from '@liaison/core'
import { LiaisonError, callerActor } from '@liaison/core'
import type { ReceivedItemRow } from '../store/federation/receivedItemRows.ts'
import { acknowledgeReceivedItem, findReceivedItem } from '../store/federation/receivedItemRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { runAction } from './runAction.ts'

export interface AcknowledgeIncoming {
  readonly caller: Caller
  readonly item: { readonly origin: string; readonly kind: ReceivedItemKind; readonly id: string }
  readonly source: string | null
}

/**
 * A duty officer acknowledges an item a partner centre sent (issue 9, capability 5): recorded
 * once, on the item, and told to its origin only, as a `receipt.recorded` event whose
 * distribution names the origin's node (its centre receives it, through its stream). The caller's
 * organisation must see the item now; one it does not see is `not_found`, as one never received.
 * Acknowledging it again changes nothing and tells nobody.
 */
export async function acknowledgeIncoming(
  deps: ActionDeps,
  command: AcknowledgeIncoming,
): Promise<ReceivedItemRow> {
  return runAction(
    deps,
    { action: 'federation.acknowledge', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage', caller.orgId)
      const { item } = command
      const found = await findReceivedItem(ctx.tx, item)
      if (!found || !found.audience.includes(caller.orgId))
        throw new LiaisonError('not_found', `no item ${item.kind} ${item.id} from ${item.origin}`)
      ctx.target(item.id, caller.orgId, { origin: item.origin, kind: item.kind })
      const name = caller.kind === 'user' ? caller.username : caller.tokenName
      if (!(await acknowledgeReceivedItem(ctx.tx, item, { orgId: caller.orgId, name, at: ctx.at })))
        return found
      ctx.emit({
        body: {
          kind: 'receipt.recorded',
          receipts: [
            {
              itemId: item.id,
              itemKind: item.kind,
              state: 'acknowledged',
              at: ctx.at.toISOString(),
              orgId: caller.orgId,
              byName: name,
            },
          ],
        },
        subject: item.id,
        orgId: caller.orgId,
        // the receipt goes back to the origin only
        distribution: { kind: 'neighbours', nodes: [item.origin] },
        status: found.status,
      })
      return (await findReceivedItem(ctx.tx, item)) ?? found
    },
  )
}
