import type { Caller, Role, User } from '@liaison/core'
import { callerActor, displayNameProblems, isRole, passwordProblems, usernameProblems } from '@liaison/core'
import { hashPassword } from '../auth/passwordHasher.ts'
import { findUserRow, toUser } from '../store/identity/userRows.ts'
import { findOrganisation } from '../store/organisations/organisationRows.ts'
import { insertUser } from '../store/identity/userWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requireGrantable } from './requireGrantable.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

export interface AddUser {
  readonly caller: Caller
  /** The organisation's code on this node; a principal may only add to its own. */
  readonly orgCode?: string | undefined
  readonly username: string
  readonly displayName: string
  readonly roles: readonly string[]
  readonly password: string
  readonly source: string | null
}

export function roleProblems(values: readonly string[]): string[] {
  const problems = values.filter((r) => !isRole(r)).map((r) => `roles: '${r}' is not a role`)
  if (values.length === 0) problems.push('roles: give at least one role')
  return problems
}

/** Adds a user to an organisation, with an initial password; the one-time code is enrolled at first sign-in. */
export async function addUser(deps: ActionDeps, input: AddUser): Promise<User> {
  const username = input.username.trim().toLowerCase()
  // argon2 (tens of ms) before the transaction, so that no transaction waits on it
  const passwordHash =
    passwordProblems(input.password, username).length === 0 ? await hashPassword(input.password) : null
  return runAction(
    deps,
    { action: 'user.add', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(username, null)
      const org =
        input.orgCode !== undefined
          ? await findOrganisation(ctx.tx, deps.nodeId, { code: input.orgCode })
          : input.caller.kind === 'user' || input.caller.kind === 'token'
            ? await findOrganisation(ctx.tx, deps.nodeId, { id: input.caller.orgId })
            : null
      if (!org)
        return refuse(
          'not_found',
          input.orgCode
            ? `no organisation with code '${input.orgCode}' on this node`
            : 'say which organisation',
        )
      requirePermission(input.caller, 'users.manage', org.id)
      const problems = [
        ...usernameProblems(username),
        ...displayNameProblems(input.displayName),
        ...roleProblems(input.roles),
        ...passwordProblems(input.password, username),
      ]
      if (problems.length > 0 || passwordHash === null)
        return refuse('validation_failed', problems.join('; '), { problems })
      requireGrantable(input.caller, org, input.roles as Role[])
      if (await findUserRow(ctx.tx, { username }))
        return refuseBecause('username_taken', `the username '${username}' is taken on this node`)
      const id = ctx.newId()
      const row = {
        id,
        org_id: org.id,
        username,
        display_name: input.displayName.trim(),
        roles: [...new Set(input.roles)] as Role[],
        password_hash: passwordHash,
        totp_secret: null,
        totp_enrolled_at: null,
        totp_last_step: null,
        failed_count: 0,
        locked_until: null,
        disabled: false,
        created_at: ctx.at,
        last_sign_in_at: null,
      }
      await insertUser(ctx.tx, row)
      ctx.target(id, org.id, { username, roles: row.roles })
      return toUser(row)
    },
  )
}
