import type { Caller } from '@liaison/core'
import { judgeConfirmationCode, LiaisonError, refusalError } from '@liaison/core'
import { callerActor } from '@liaison/core'
import { codeMinutes } from '../citizens/citizenSender.ts'
import { normaliseAddress } from '../citizens/normaliseAddress.ts'
import { confirmationCodeHash, newConfirmationCode } from '../citizens/subscriberSecrets.ts'
import type { PagingDeps } from '../paging/PagingDeps.ts'
import { pagingCodeText } from '../paging/pagingTexts.ts'
import type { PagingAddressRow } from '../store/paging/pagingRows.ts'
import {
  confirmPagingAddress,
  countWrongPagingCode,
  pagingAddressesOf,
  removePagingAddress,
  setPagingAddress,
} from '../store/paging/pagingRows.ts'
import { requirePerson } from './requirePerson.ts'
import { keepChanges, refuse, runAction } from './runAction.ts'

/** Only a signed-in user has paging addresses: a token or the operator acts for nobody to page. */
function requireUser(caller: Caller) {
  const person = requirePerson(caller)
  if (person.kind !== 'user')
    throw new LiaisonError('forbidden', 'only a signed-in user sets their own paging addresses')
  return person
}

/**
 * Sets the caller's own paging phone or e-mail address (decision 044): unconfirmed until the
 * code sent to it through its channel is entered, as a citizen's is (decision 040: six digits,
 * 15 minutes, five wrong codes). The code goes out after the commit.
 */
export async function setOwnPagingAddress(
  deps: PagingDeps,
  command: { caller: Caller; kind: 'sms' | 'email'; address: string; source: string | null },
): Promise<{ address: PagingAddressRow; sent: Promise<unknown> }> {
  const { row, code } = await runAction(
    deps,
    { action: 'paging.address.set', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const user = requireUser(command.caller)
      ctx.target(user.userId, user.orgId, { kind: command.kind })
      if (!deps.paging.kinds.has(command.kind)) throw refusalError('channel_not_configured')
      const normal = normaliseAddress({ kind: command.kind, address: command.address })
      if (!normal.ok)
        return refuse('validation_failed', `body/address: ${normal.error.message}`, {
          problems: [`address: ${normal.error.message}`],
          ...(normal.error.reason ? { reason: normal.error.reason } : {}),
        })
      // a replaced address keeps its row's id, of which the code's hash is made
      const earlier = (await pagingAddressesOf(ctx.tx, user.userId)).find((a) => a.kind === command.kind)
      const id = earlier?.id ?? ctx.newId()
      const code = newConfirmationCode()
      const row = await setPagingAddress(ctx.tx, {
        id,
        userId: user.userId,
        kind: command.kind,
        address: normal.value.address,
        at: ctx.at,
        expiresAt: new Date(ctx.at.getTime() + codeMinutes * 60_000),
        codeHash: confirmationCodeHash(id, code),
      })
      return { row, code }
    },
  )
  const text = pagingCodeText(deps.centreName, code, codeMinutes)
  const sent = deps.paging.send([
    {
      sms: row.kind === 'sms' ? row.address : null,
      email: row.kind === 'email' ? row.address : null,
      subject: `${deps.centreName}: paging confirmation code`,
      text,
    },
  ])
  return { address: row, sent }
}

/** Confirms the caller's own paging address with its code (core's `judgeConfirmationCode`). */
export async function confirmOwnPagingAddress(
  deps: PagingDeps,
  command: { caller: Caller; kind: 'sms' | 'email'; code: string; source: string | null },
): Promise<void> {
  await runAction(
    deps,
    { action: 'paging.address.confirm', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const user = requireUser(command.caller)
      ctx.target(user.userId, user.orgId, { kind: command.kind })
      const address = (await pagingAddressesOf(ctx.tx, user.userId)).find((a) => a.kind === command.kind)
      if (!address) throw new LiaisonError('not_found', `no ${command.kind} paging address is set`)
      const judged = judgeConfirmationCode(
        {
          confirmedAt: address.confirmed_at,
          codeHash: address.code_hash,
          expiresAt: address.code_expires_at,
          attempts: address.code_attempts,
        },
        confirmationCodeHash(address.id, command.code),
        ctx.at,
      )
      if (!judged.ok) {
        if (judged.error === 'confirmation_code_wrong') {
          await countWrongPagingCode(ctx.tx, address.id)
          throw keepChanges(refusalError(judged.error, 'body/code: the confirmation code is wrong'))
        }
        throw refusalError(judged.error)
      }
      await confirmPagingAddress(ctx.tx, address.id, ctx.at)
    },
  )
}

/** Removes the caller's own paging address of a kind. */
export async function removeOwnPagingAddress(
  deps: PagingDeps,
  command: { caller: Caller; kind: 'sms' | 'email'; source: string | null },
): Promise<void> {
  await runAction(
    deps,
    { action: 'paging.address.remove', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const user = requireUser(command.caller)
      ctx.target(user.userId, user.orgId, { kind: command.kind })
      if (!(await removePagingAddress(ctx.tx, user.userId, command.kind)))
        throw new LiaisonError('not_found', `no ${command.kind} paging address is set`)
    },
  )
}
