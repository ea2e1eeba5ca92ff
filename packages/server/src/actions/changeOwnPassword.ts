import type { Principal } from '@liaison/core'
import { LiaisonError, callerActor, isLocked, passwordProblems } from '@liaison/core'
import { hashPassword, verifyPassword } from '../auth/passwordHasher.ts'
import { findUserRow, recordFailure } from '../identity/userRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { keepChanges, refuse, runAction } from './runAction.ts'

/**
 * A person changes their own password: the current one first (a wrong one counts towards the
 * lock-out, as at sign-in, so a borrowed session cannot guess it), then the new one under the
 * password policy. Every other session of the person ends; this one goes on.
 */
export async function changeOwnPassword(
  deps: ActionDeps,
  input: {
    readonly principal: Principal
    readonly currentPassword: string
    readonly newPassword: string
    readonly source: string | null
  },
): Promise<{ readonly otherSessionsEnded: number }> {
  const { principal } = input
  return runAction(
    deps,
    { action: 'user.change-password', actor: callerActor(principal), source: input.source },
    async (ctx) => {
      if (principal.kind !== 'user')
        return refuse('forbidden', 'a password is changed by its owner, signed in, not with an API token')
      const row = await findUserRow(ctx.tx, { id: principal.userId })
      if (!row) return refuse('not_found', 'your account is gone')
      ctx.target(row.id, row.org_id)
      const state = { failedCount: row.failed_count, lockedUntil: row.locked_until }
      if (isLocked(state, ctx.at))
        return refuse('account_locked', `this account is locked until ${row.locked_until?.toISOString()}`)
      if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
        await recordFailure(ctx.tx, row, ctx.at)
        ctx.target(row.id, row.org_id, { reason: 'current password' })
        throw keepChanges(
          new LiaisonError('validation_failed', 'currentPassword: this is not your current password', {
            problems: ['currentPassword: this is not your current password'],
          }),
        )
      }
      const problems = passwordProblems(input.newPassword, row.username).map((p) =>
        p.replace(/^password:/, 'newPassword:'),
      )
      if (input.newPassword === input.currentPassword)
        problems.push('newPassword: must differ from the current password')
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      await ctx.tx
        .updateTable('users')
        .set({ password_hash: await hashPassword(input.newPassword), failed_count: 0, locked_until: null })
        .where('id', '=', row.id)
        .execute()
      const ended = await ctx.tx
        .updateTable('sessions')
        .set({ ended_at: ctx.at })
        .where('user_id', '=', row.id)
        .where('id', '!=', principal.sessionId)
        .where('ended_at', 'is', null)
        .executeTakeFirst()
      const otherSessionsEnded = Number(ended.numUpdatedRows)
      ctx.target(row.id, row.org_id, { otherSessionsEnded })
      return { otherSessionsEnded }
    },
  )
}
