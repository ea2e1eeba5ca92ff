import type { Principal, User } from '@liaison/core'
import { callerActor } from '@liaison/core'
import { newCsrfToken, newSecret } from '../auth/secrets.ts'
import { newTotpSecret, otpauthUri, verifyTotp } from '../auth/totp.ts'
import { totpContext } from '../auth/SecretBox.ts'
import { findUserRow, toUser } from '../store/identity/userRows.ts'
import { endSessions, insertSession } from '../store/identity/sessionRows.ts'
import { updateUserRow } from '../store/identity/userWrites.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { refuse, refuseBecause, runAction } from './runAction.ts'

/** Step 1: a fresh secret for the signed-in user who has none confirmed yet. */
export async function startTotpEnrolment(
  deps: ActionDeps & { readonly issuer: string },
  input: { readonly principal: Principal; readonly source: string | null },
): Promise<{ secret: string; otpauthUri: string }> {
  const { principal } = input
  return runAction(
    deps,
    { action: 'totp.enrolment-start', actor: callerActor(principal), source: input.source },
    async (ctx) => {
      if (principal.kind !== 'user') return refuse('forbidden', 'API tokens do not enrol one-time codes')
      const row = await findUserRow(ctx.tx, { id: principal.userId })
      if (!row) return refuse('session_invalid', 'the user of this session no longer exists')
      if (row.totp_enrolled_at)
        return refuseBecause(
          'totp_already_enrolled',
          'a one-time code is already set up; an administrator can reset it',
        )
      const secret = newTotpSecret()
      await updateUserRow(ctx.tx, row.id, {
        totp_secret: deps.secrets.seal(secret, totpContext(row.id)),
        totp_last_step: null,
      })
      ctx.target(row.id, row.org_id)
      return { secret, otpauthUri: otpauthUri({ issuer: deps.issuer, account: row.username, secret }) }
    },
  )
}

/** What a completed enrolment gives: a new full session, its cookie value shown once. */
export interface Enrolled {
  readonly user: User
  readonly sessionId: string
  readonly secret: string
  readonly csrfToken: string
}

/**
 * Step 2: the first code proves the app holds the secret. The enrolling session ends and a new
 * full one is issued (a new cookie secret and CSRF token): whatever knew the half-signed-in
 * session's secrets learns nothing of the full one.
 */
export async function confirmTotpEnrolment(
  deps: ActionDeps,
  input: { readonly principal: Principal; readonly code: string; readonly source: string | null },
): Promise<Enrolled> {
  const { principal } = input
  return runAction(
    deps,
    { action: 'totp.enrolment-confirm', actor: callerActor(principal), source: input.source },
    async (ctx) => {
      if (principal.kind !== 'user') return refuse('forbidden', 'API tokens do not enrol one-time codes')
      const row = await findUserRow(ctx.tx, { id: principal.userId })
      if (!row) return refuse('session_invalid', 'the user of this session no longer exists')
      ctx.target(row.id, row.org_id)
      if (row.totp_enrolled_at)
        return refuseBecause('totp_already_enrolled', 'a one-time code is already set up')
      if (!row.totp_secret) return refuseBecause('totp_not_started', 'start the enrolment first')
      const step = verifyTotp(
        deps.secrets.open(row.totp_secret, totpContext(row.id)),
        input.code,
        ctx.at.getTime(),
        null,
      )
      if (step === null)
        return refuse(
          'invalid_credentials',
          'that code is not the current one; check the clock of your phone and try the next code',
        )
      await updateUserRow(ctx.tx, row.id, { totp_enrolled_at: ctx.at, totp_last_step: step })
      await endSessions(ctx.tx, row.id, ctx.at, { only: principal.sessionId })
      const { secret, hash } = newSecret('lss_')
      const sessionId = ctx.newId()
      const csrfToken = newCsrfToken()
      await insertSession(ctx.tx, {
        id: sessionId,
        secret_hash: hash,
        user_id: row.id,
        stage: 'signed-in',
        csrf_token: csrfToken,
        created_at: ctx.at,
        last_seen_at: ctx.at,
        source: input.source,
      })
      ctx.target(row.id, row.org_id, { endedSession: principal.sessionId, session: sessionId })
      return { user: toUser({ ...row, totp_enrolled_at: ctx.at }), sessionId, secret, csrfToken }
    },
  )
}
