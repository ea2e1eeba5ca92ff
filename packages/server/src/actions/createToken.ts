import type { ApiToken, Caller } from '@liaison/core'
import { callerActor, effectivePermissions, isPermission, permissionsOf } from '@liaison/core'
import type { Role } from '@liaison/core'
import { newSecret } from '../auth/secrets.ts'
import { findUserRow, toApiToken } from '../store/identity/userRows.ts'
import { findApiTokenRow, insertApiToken, markApiTokenRevoked } from '../store/identity/userWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

export interface CreateToken {
  readonly caller: Caller
  /** Whose rights the token acts within: the calling user, or (from the CLI) a named user. */
  readonly username?: string | undefined
  readonly name: string
  readonly scopes: readonly string[]
  readonly expiresInDays: number
  readonly source: string | null
}

/** A machine's API token: scoped, expiring, revocable; its secret is returned once and stored hashed. */
export async function createToken(
  deps: ActionDeps,
  input: CreateToken,
): Promise<{ token: ApiToken; secret: string }> {
  return runAction(
    deps,
    { action: 'token.create', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      const creatorId =
        input.caller.kind === 'user' || input.caller.kind === 'token' ? input.caller.userId : null
      const creator =
        input.username !== undefined
          ? await findUserRow(ctx.tx, { username: input.username })
          : creatorId
            ? await findUserRow(ctx.tx, { id: creatorId })
            : null
      if (!creator)
        return refuse(
          'not_found',
          input.username ? `no user '${input.username}' on this node` : 'say which user the token acts for',
        )
      ctx.target(input.name, creator.org_id)
      requirePermission(input.caller, 'users.manage', creator.org_id)
      const name = input.name.trim()
      const allowed =
        input.caller.kind === 'user' || input.caller.kind === 'token'
          ? effectivePermissions(input.caller)
          : permissionsOf(creator.roles as Role[])
      const creatorAllows = new Set(permissionsOf(creator.roles as Role[]))
      const problems: string[] = []
      if (name.length < 2 || name.length > 80) problems.push('name: must be 2 to 80 characters')
      if (input.scopes.length === 0) problems.push('scopes: give at least one scope')
      const exceeding: string[] = []
      for (const scope of new Set(input.scopes)) {
        if (!isPermission(scope)) problems.push(`scopes: '${scope}' is not a scope`)
        else if (!allowed.includes(scope) || !creatorAllows.has(scope)) exceeding.push(scope)
      }
      // name the requested scopes that exceed the user, and what the user may grant instead
      if (exceeding.length > 0)
        problems.push(
          `scopes: ${exceeding.map((s) => `'${s}'`).join(', ')} ${exceeding.length === 1 ? 'exceeds' : 'exceed'} what the token's user (${creator.username}) may do; it may have: ${allowed.filter((p) => creatorAllows.has(p)).join(', ') || 'nothing'}`,
        )
      if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 365)
        problems.push('expiresInDays: must be a whole number from 1 to 365')
      if (problems.length > 0)
        return refuse('validation_failed', problems.join('; '), {
          problems,
          ...(exceeding.length > 0 ? { exceedingScopes: exceeding } : {}),
        })
      const { secret, hash } = newSecret('lia_')
      const row = {
        id: ctx.newId(),
        org_id: creator.org_id,
        created_by: creator.id,
        name,
        scopes: [...new Set(input.scopes)],
        secret_hash: hash,
        created_at: ctx.at,
        expires_at: new Date(ctx.at.getTime() + input.expiresInDays * 86_400_000),
        revoked_at: null,
        last_used_at: null,
      }
      await insertApiToken(ctx.tx, row)
      ctx.target(row.id, row.org_id, { name, scopes: row.scopes, expiresAt: row.expires_at.toISOString() })
      return { token: toApiToken(row), secret }
    },
  )
}

/** Revokes a token at once; it is refused from its next request on. */
export async function revokeToken(
  deps: ActionDeps,
  input: { readonly caller: Caller; readonly tokenId: string; readonly source: string | null },
): Promise<ApiToken> {
  return runAction(
    deps,
    { action: 'token.revoke', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      ctx.target(input.tokenId, null)
      const row = await findApiTokenRow(ctx.tx, input.tokenId)
      if (!row) return refuse('not_found', `no token ${input.tokenId} on this node`)
      ctx.target(row.id, row.org_id)
      requirePermission(input.caller, 'users.manage', row.org_id)
      if (row.revoked_at) return refuseBecause('already_revoked', `token '${row.name}' was already revoked`)
      await markApiTokenRevoked(ctx.tx, row.id, ctx.at)
      return toApiToken({ ...row, revoked_at: ctx.at })
    },
  )
}
