import type { Caller, Role, User } from '@liaison/core'
import { callerActor, displayNameProblems, passwordProblems } from '@liaison/core'
import type { Updateable } from 'kysely'
import { hashPassword } from '../auth/passwordHasher.ts'
import { clearSignInFailures } from '../store/identity/signInFailures.ts'
import { findUserRow, toUser } from '../store/identity/userRows.ts'
import type { UsersTable } from '../store/schema.ts'
import { endSessions } from '../store/identity/sessionRows.ts'
import { otherActiveAdmins, updateUserRow } from '../store/identity/userWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { roleProblems } from './addUser.ts'
import { findOrganisation } from '../store/organisations/organisationRows.ts'
import { requireGrantable } from './requireGrantable.ts'
import { requirePermission } from './requirePermission.ts'
import type { ActionContext } from './runAction.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

type Target = { readonly id: string } | { readonly username: string }

async function loadTarget(ctx: ActionContext, caller: Caller, target: Target) {
  const row = await findUserRow(ctx.tx, target)
  ctx.target('id' in target ? target.id : target.username, null)
  if (!row) return refuse('not_found', 'no such user on this node')
  ctx.target(row.id, row.org_id)
  requirePermission(caller, 'users.manage', row.org_id)
  return row
}

async function assertAnotherAdmin(ctx: ActionContext, orgId: string, userId: string): Promise<void> {
  const others = await otherActiveAdmins(ctx.tx, orgId, userId)
  if (others.length === 0)
    refuseBecause(
      'last_administrator',
      'this is the last active administrator of the organisation; add another first',
    )
}

/** Changes a user's name, roles or whether the account is disabled; never leaves an organisation without an administrator. */
export async function updateUser(
  deps: ActionDeps,
  input: {
    readonly caller: Caller
    readonly user: Target
    readonly displayName?: string | undefined
    readonly roles?: readonly string[] | undefined
    readonly disabled?: boolean | undefined
    readonly source: string | null
  },
): Promise<User> {
  return runAction(
    deps,
    { action: 'user.update', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      const row = await loadTarget(ctx, input.caller, input.user)
      const problems = [
        ...(input.displayName !== undefined ? displayNameProblems(input.displayName) : []),
        ...(input.roles !== undefined ? roleProblems(input.roles) : []),
      ]
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      const change: Updateable<UsersTable> = {}
      if (input.displayName !== undefined) change.display_name = input.displayName.trim()
      // the roles the user does not hold yet: those are granted, and checked against the allow-list
      const granted = (input.roles ?? []).filter((r) => !row.roles.includes(r)) as Role[]
      if (granted.length > 0) {
        const org = await findOrganisation(ctx.tx, deps.nodeId, { id: row.org_id })
        if (!org) return refuse('not_found', 'the organisation of this user is gone')
        requireGrantable(input.caller, org, granted)
      }
      if (input.roles !== undefined) change.roles = [...new Set(input.roles)] as Role[]
      if (input.disabled !== undefined) change.disabled = input.disabled
      const losesAdmin =
        (input.roles !== undefined && !input.roles.includes('admin')) || input.disabled === true
      if (row.roles.includes('admin') && !row.disabled && losesAdmin)
        await assertAnotherAdmin(ctx, row.org_id, row.id)
      if (Object.keys(change).length === 0) return refuse('validation_failed', 'nothing to change')
      await updateUserRow(ctx.tx, row.id, change)
      if (input.disabled === true) await endSessions(ctx.tx, row.id, ctx.at)
      // granting oneself a role is marked as such in the audit (and on the audit page)
      const self =
        (input.caller.kind === 'user' || input.caller.kind === 'token') && input.caller.userId === row.id
      ctx.target(row.id, row.org_id, {
        changed: Object.keys(change),
        ...(granted.length > 0 ? { granted: [...new Set(granted)] } : {}),
        ...(self && granted.length > 0 ? { selfGranted: [...new Set(granted)] } : {}),
      })
      return toUser({ ...row, ...change })
    },
  )
}

/**
 * An administrator's reset: a new password and/or a new one-time code (the user enrols again at
 * the next sign-in). Either way its sign-in delays are lifted and its sessions end.
 */
export async function resetUser(
  deps: ActionDeps,
  input: {
    readonly caller: Caller
    readonly user: Target
    readonly password?: string | undefined
    readonly totp?: boolean | undefined
    readonly source: string | null
  },
): Promise<User> {
  // argon2 before the transaction, so that no transaction waits on it
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null
  return runAction(
    deps,
    { action: 'user.reset', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      const row = await loadTarget(ctx, input.caller, input.user)
      if (input.password === undefined && !input.totp)
        return refuse('validation_failed', 'say what to reset: a password, the one-time code, or both')
      const change: Updateable<UsersTable> = { failed_count: 0, locked_until: null }
      if (input.password !== undefined) {
        const problems = passwordProblems(input.password, row.username)
        if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
        if (passwordHash !== null) change.password_hash = passwordHash
      }
      if (input.totp) {
        change.totp_secret = null
        change.totp_enrolled_at = null
        change.totp_last_step = null
      }
      await updateUserRow(ctx.tx, row.id, change)
      // the reset lifts every source's sign-in delay for this account
      await clearSignInFailures(ctx.tx, row.username)
      await endSessions(ctx.tx, row.id, ctx.at)
      ctx.target(row.id, row.org_id, { password: input.password !== undefined, totp: input.totp === true })
      return toUser({ ...row, ...change })
    },
  )
}
