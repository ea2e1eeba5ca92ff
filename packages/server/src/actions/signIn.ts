import type { User } from '@liaison/core'
import { LiaisonError, afterSuccess, isLocked } from '@liaison/core'
import { decoyHash, verifyPassword } from '../auth/passwordHasher.ts'
import { newCsrfToken, newSecret } from '../auth/secrets.ts'
import { verifyTotp } from '../auth/totp.ts'
import { findUserRow, recordFailure, toUser } from '../identity/userRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { keepChanges, refuse, runAction } from './runAction.ts'
import { totpContext } from '../auth/SecretBox.ts'

export interface SignIn {
  readonly username: string
  readonly password: string
  readonly code?: string | undefined
  readonly source: string | null
}

export interface SignedIn {
  readonly user: User
  readonly sessionId: string
  /** The cookie value: shown to the browser once, stored hashed. */
  readonly secret: string
  readonly csrfToken: string
  readonly stage: 'signed-in' | 'enrol-totp'
}

/**
 * Password, then the one-time code of an enrolled user. A wrong password or code counts towards
 * lock-out (and that count commits with the refusal's audit row); an unknown username costs the
 * same time as a known one.
 */
export async function signIn(deps: ActionDeps, input: SignIn): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase()
  return runAction(
    deps,
    {
      action: 'session.sign-in',
      actor: { kind: 'anonymous', label: username.slice(0, 64) },
      source: input.source,
    },
    async (ctx) => {
      const row = await findUserRow(ctx.tx, { username })
      // Without a code, ask for one before checking anything: an unknown user and an enrolled one
      // answer alike, and the password is never confirmed on its own (no oracle, nothing to count).
      if (!input.code && (!row || (row.totp_enrolled_at && row.totp_secret))) {
        return refuse('totp_required', 'enter the 6-digit code from your authenticator app')
      }
      if (!row) {
        await verifyPassword(await decoyHash(), input.password)
        return refuse('invalid_credentials', 'the username, password or code is wrong')
      }
      ctx.target(row.id, row.org_id)
      const state = { failedCount: row.failed_count, lockedUntil: row.locked_until }
      if (isLocked(state, ctx.at)) {
        return refuse(
          'account_locked',
          `this account is locked until ${row.locked_until?.toISOString()} after repeated failed sign-ins`,
          {
            lockedUntil: row.locked_until?.toISOString(),
          },
        )
      }
      // why it failed goes to the audit only: the answer must not tell a guesser what was right
      const fail = async (reason: 'password' | 'code'): Promise<never> => {
        ctx.target(row.id, row.org_id, { reason })
        const next = await recordFailure(ctx.tx, row, ctx.at)
        throw keepChanges(
          next.lockedUntil && isLocked(next, ctx.at)
            ? new LiaisonError(
                'account_locked',
                `too many failed sign-ins: this account is locked until ${next.lockedUntil.toISOString()}`,
                { lockedUntil: next.lockedUntil.toISOString() },
              )
            : new LiaisonError('invalid_credentials', 'the username, password or code is wrong'),
        )
      }
      if (!(await verifyPassword(row.password_hash, input.password))) return fail('password')
      if (row.disabled) {
        ctx.target(row.id, row.org_id, { reason: 'disabled' })
        return refuse('invalid_credentials', 'the username, password or code is wrong')
      }

      let totpStep = row.totp_last_step
      if (row.totp_enrolled_at && row.totp_secret) {
        if (!input.code) return refuse('totp_required', 'enter the 6-digit code from your authenticator app')
        const secret = deps.secrets.open(row.totp_secret, totpContext(row.id))
        const step = verifyTotp(secret, input.code, ctx.at.getTime(), row.totp_last_step)
        if (step === null) return fail('code')
        totpStep = step
      }
      const user = toUser(row)
      ctx.actAs({ kind: 'user', userId: user.id, username: user.username, orgId: user.orgId })
      const ok = afterSuccess()
      await ctx.tx
        .updateTable('users')
        .set({
          failed_count: ok.failedCount,
          locked_until: ok.lockedUntil,
          last_sign_in_at: ctx.at,
          totp_last_step: totpStep,
        })
        .where('id', '=', row.id)
        .execute()
      const { secret, hash } = newSecret('lss_')
      const sessionId = ctx.newId()
      const csrfToken = newCsrfToken()
      const stage = user.totpEnrolled ? 'signed-in' : 'enrol-totp'
      await ctx.tx
        .insertInto('sessions')
        .values({
          id: sessionId,
          secret_hash: hash,
          user_id: user.id,
          stage,
          csrf_token: csrfToken,
          created_at: ctx.at,
          last_seen_at: ctx.at,
          source: input.source,
        })
        .execute()
      ctx.target(user.id, user.orgId, { session: sessionId, stage })
      return { user: { ...user, lastSignInAt: ctx.at }, sessionId, secret, csrfToken, stage }
    },
  )
}
