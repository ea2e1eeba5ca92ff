import type { Caller } from '@liaison/core'
import { callerActor, mayChangeRecord } from '@liaison/core'
import { newSecret } from '../auth/secrets.ts'
import {
  calendarFeedState,
  insertCalendarFeed,
  markCalendarFeedRevoked,
} from '../store/calendar/calendarFeedRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, refuseBecause, runAction, unwrap } from './runAction.ts'

/** A secret calendar address for the organisation's planned events; shown once, revocable. */
export async function createCalendarFeed(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly source: string | null },
): Promise<{ id: string; secret: string }> {
  return runAction(
    deps,
    { action: 'calendar-feed.create', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      const { secret, hash } = newSecret('cal_')
      const id = ctx.newId()
      await insertCalendarFeed(ctx.tx, {
        id,
        org_id: caller.orgId,
        secret_hash: hash,
        created_by: caller.userId,
        created_at: ctx.at,
        revoked_at: null,
      })
      ctx.target(id, caller.orgId)
      return { id, secret }
    },
  )
}

export async function revokeCalendarFeed(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly feedId: string; readonly source: string | null },
): Promise<void> {
  await runAction(
    deps,
    { action: 'calendar-feed.revoke', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      ctx.target(command.feedId, caller.orgId)
      const row = await calendarFeedState(ctx.tx, command.feedId)
      if (!row) return refuse('not_found', `no calendar feed ${command.feedId}`)
      unwrap(mayChangeRecord(row.org_id, caller.orgId), 'this feed belongs to another organisation')
      if (row.revoked_at) return refuseBecause('already_revoked', 'this feed was already revoked')
      await markCalendarFeedRevoked(ctx.tx, command.feedId, ctx.at)
    },
  )
}
