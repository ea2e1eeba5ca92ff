import type { Principal } from '@liaison/core'
import { LiaisonError, callerActor, passwordProblems } from '@liaison/core'
import { hashPassword, verifyPassword } from '../auth/passwordHasher.ts'
import { clearSignInFailures, recordSignInFailure, signInWait } from '../store/identity/signInFailures.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import { signInDelayed } from './signIn.ts'
import { endSessions } from '../store/identity/sessionRows.ts'
import { updateUserRow } from '../store/identity/userWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { keepChanges, refuse, refuseBecause, runAction } from './runAction.ts'

/**
 * A person changes their own password: the current one first (a wrong one counts towards the
 * delay of the account from this source, as at sign-in, so a borrowed session cannot guess it), then the new one under the
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
  // argon2 before the transaction: the current password checked against the hash as read now,
  // the new one hashed; inside, the hash must still be the one checked
  const before =
    principal.kind === 'user' ? await findUserRow(deps.store.db, { id: principal.userId }) : undefined
  const waitBefore = before
    ? await signInWait(deps.store.db, { username: before.username, source: input.source }, deps.clock.now())
    : 0
  const checked =
    before && waitBefore === 0
      ? { hash: before.password_hash, ok: await verifyPassword(before.password_hash, input.currentPassword) }
      : null
  const newHash =
    checked?.ok && input.newPassword !== input.currentPassword ? await hashPassword(input.newPassword) : null
  return runAction(
    deps,
    { action: 'user.change-password', actor: callerActor(principal), source: input.source },
    async (ctx) => {
      if (principal.kind !== 'user')
        return refuse('forbidden', 'a password is changed by its owner, signed in, not with an API token')
      const row = await findUserRow(ctx.tx, { id: principal.userId })
      if (!row) return refuse('not_found', 'your account is gone')
      ctx.target(row.id, row.org_id)
      const key = { username: row.username, source: input.source }
      const waitMs = await signInWait(ctx.tx, key, ctx.at)
      if (waitMs > 0) throw signInDelayed(waitMs)
      if (checked?.hash !== row.password_hash)
        return refuseBecause('concurrent_change', 'your password changed meanwhile; try again')
      if (!checked.ok) {
        const wait = await recordSignInFailure(ctx.tx, key, ctx.at)
        ctx.target(row.id, row.org_id, { reason: 'current password' })
        throw keepChanges(
          wait > 0
            ? signInDelayed(wait)
            : new LiaisonError('validation_failed', 'currentPassword: this is not your current password', {
                problems: ['currentPassword: this is not your current password'],
              }),
        )
      }
      const problems = passwordProblems(input.newPassword, row.username).map((p) =>
        p.replace(/^password:/, 'newPassword:'),
      )
      if (input.newPassword === input.currentPassword)
        problems.push('newPassword: must differ from the current password')
      if (problems.length > 0 || newHash === null)
        return refuse('validation_failed', problems.join('; '), { problems })
      await updateUserRow(ctx.tx, row.id, { password_hash: newHash })
      await clearSignInFailures(ctx.tx, row.username)
      const otherSessionsEnded = await endSessions(ctx.tx, row.id, ctx.at, { except: principal.sessionId })
      ctx.target(row.id, row.org_id, { otherSessionsEnded })
      return { otherSessionsEnded }
    },
  )
}
