import type { User } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import { decoyHash, verifyPassword } from '../auth/passwordHasher.ts'
import { newCsrfToken, newSecret } from '../auth/secrets.ts'
import { verifyTotp } from '../auth/totp.ts'
import { clearSignInFailures, recordSignInFailure, signInWait } from '../store/identity/signInFailures.ts'
import { findUserRow, toUser } from '../store/identity/userRows.ts'
import { insertSession } from '../store/identity/sessionRows.ts'
import { updateUserRow } from '../store/identity/userWrites.ts'
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
 * The answer to a source that must wait before trying an account again: the same whether the
 * account exists or not (delays are kept per name as typed), so it reveals no username.
 */
export function signInDelayed(waitMs: number): LiaisonError {
  const seconds = Math.ceil(waitMs / 1000)
  return new LiaisonError(
    'rate_limited',
    `too many failed sign-ins from here for this username; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  )
}

/**
 * Password, then the one-time code of an enrolled user. A wrong password or code counts towards
 * the progressive delay of that username from that source (core's lockout.ts; the count commits
 * with the refusal's audit row); a source that must wait is refused before anything is checked.
 * An unknown username costs the same time, and is delayed alike.
 */
export async function signIn(deps: ActionDeps, input: SignIn): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase()
  const key = { username, source: input.source }
  // argon2 (tens of ms) before the transaction, on the row as read now, after the same cheap
  // refusals as inside (a delayed source, a missing code) so that they cost no hashing either
  const waitBefore = await signInWait(deps.store.db, key, deps.clock.now())
  const before = await findUserRow(deps.store.db, { username })
  const needsCode = !input.code && (!before || (before.totp_enrolled_at && before.totp_secret))
  let checked: { hash: string; ok: boolean } | null = null
  if (waitBefore === 0 && !needsCode) {
    if (before)
      checked = { hash: before.password_hash, ok: await verifyPassword(before.password_hash, input.password) }
    else await verifyPassword(await decoyHash(), input.password)
  }
  return runAction(
    deps,
    {
      action: 'session.sign-in',
      actor: { kind: 'anonymous', label: username.slice(0, 64) },
      source: input.source,
    },
    async (ctx) => {
      const waitMs = await signInWait(ctx.tx, key, ctx.at)
      if (waitMs > 0) throw signInDelayed(waitMs)
      const row = await findUserRow(ctx.tx, { username })
      // why it failed goes to the audit only: the answer must not tell a guesser what was right
      const fail = async (reason: 'password' | 'code' | 'unknown'): Promise<never> => {
        ctx.target(row?.id ?? null, row?.org_id ?? null, { reason })
        const wait = await recordSignInFailure(ctx.tx, key, ctx.at)
        throw keepChanges(
          wait > 0
            ? signInDelayed(wait)
            : new LiaisonError('invalid_credentials', 'the username, password or code is wrong'),
        )
      }
      // Without a code, ask for one before checking anything: an unknown user and an enrolled one
      // answer alike, and the password is never confirmed on its own (no oracle, nothing to count).
      if (!input.code && (!row || (row.totp_enrolled_at && row.totp_secret))) {
        return refuse('totp_required', 'enter the 6-digit code from your authenticator app')
      }
      if (!row) return fail('unknown')
      ctx.target(row.id, row.org_id)
      // the row changed since it was checked (rare): check again, here
      const passwordOk =
        checked?.hash === row.password_hash
          ? checked.ok
          : await verifyPassword(row.password_hash, input.password)
      if (!passwordOk) return fail('password')
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
      await clearSignInFailures(ctx.tx, username, input.source)
      await updateUserRow(ctx.tx, row.id, { last_sign_in_at: ctx.at, totp_last_step: totpStep })
      const { secret, hash } = newSecret('lss_')
      const sessionId = ctx.newId()
      const csrfToken = newCsrfToken()
      const stage = user.totpEnrolled ? 'signed-in' : 'enrol-totp'
      await insertSession(ctx.tx, {
        id: sessionId,
        secret_hash: hash,
        user_id: user.id,
        stage,
        csrf_token: csrfToken,
        created_at: ctx.at,
        last_seen_at: ctx.at,
        source: input.source,
      })
      ctx.target(user.id, user.orgId, { session: sessionId, stage })
      return { user: { ...user, lastSignInAt: ctx.at }, sessionId, secret, csrfToken, stage }
    },
  )
}
