import { randomInt } from 'node:crypto'
import type { Caller, PageState, ReceivedItemKind } from '@liaison/core'
import {
  callerActor,
  escalatesAt,
  judgeAcknowledgement,
  LiaisonError,
  nextPagingStep,
  pagesOnCaseOpened,
  refusalError,
  severities,
} from '@liaison/core'
import { hashSecret, newSecret } from '../auth/secrets.ts'
import type { PagingDeps } from '../paging/PagingDeps.ts'
import { acknowledgeUrlOf } from '../paging/PagingDeps.ts'
import type { PagingMessage } from '../paging/pagingSender.ts'
import type { PageSubject } from '../paging/pagingTexts.ts'
import { pageSubjectLine, pageText, pagingLog } from '../paging/pagingTexts.ts'
import { findCase } from '../store/cases/caseRows.ts'
import { findReceivedItem } from '../store/federation/receivedItemRows.ts'
import type { PageRow } from '../store/paging/pagingRows.ts'
import {
  confirmedPagingAddresses,
  insertPage,
  insertPageRecipient,
  insertPagingLogEntry,
  lockPage,
  movePage,
  openPagesPagedTo,
  pagingPolicyOf,
  recipientByToken,
} from '../store/paging/pagingRows.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import type { ActionContext } from './runAction.ts'
import { runAction } from './runAction.ts'

/** The paging worker acts as the node. */
const pagingCaller: Caller = { kind: 'system', label: 'paging' }

/** What starts a page. */
export type PageStart =
  | { readonly reason: 'case_opened'; readonly caseId: string }
  | {
      readonly reason: 'incoming_waiting'
      readonly orgId: string
      readonly item: { readonly origin: string; readonly kind: ReceivedItemKind; readonly id: string }
    }
  | { readonly reason: 'requested'; readonly caseId: string; readonly note: string | null }

const subjectOf = (page: PageRow): PageSubject => ({
  reason: page.reason,
  title: page.title,
  severity: page.severity,
  status: page.status,
  note: page.note,
})

const stateOf = (page: PageRow): PageState => ({ state: page.state, step: page.step, chain: page.chain })

/**
 * Pages one step's person in the action's transaction: who was paged and the hash of their link
 * (the link itself only in the message), the step in the log (the case's, or the daily log), the
 * `page.paged` event from which the paging processor schedules the next step. Nobody left: the
 * page is exhausted, and that is logged too.
 */
async function pageStep(
  deps: PagingDeps,
  ctx: ActionContext,
  page: PageRow,
  toStep: number,
): Promise<PagingMessage | null> {
  const decided = nextPagingStep(stateOf(page), toStep)
  const emit = (userId: string | null, due: Date | null) =>
    ctx.emit({
      body: {
        kind: 'page.paged',
        pageId: page.id,
        caseId: page.case_id,
        step: toStep,
        userId,
        escalatesAt: due?.toISOString() ?? null,
      },
      subject: page.id,
      orgId: page.org_id,
      // who is paged stays on the node, whatever the case's distribution
      distribution: { kind: 'organisation' },
      status: page.status,
    })
  const log = (text: string) => logStep(ctx, page, text)
  switch (decided.kind) {
    case 'nothing':
      return null
    case 'exhausted': {
      await movePage(ctx.tx, page.id, { state: 'exhausted', at: ctx.at })
      await log(pagingLog.exhausted(page.chain.length))
      emit(null, null)
      return null
    }
    case 'page': {
      const to = await confirmedPagingAddresses(ctx.tx, decided.userId)
      const token = newSecret('lpage_')
      await insertPageRecipient(ctx.tx, {
        pageId: page.id,
        step: toStep,
        userId: decided.userId,
        tokenHash: token.hash,
        smsTo: deps.paging.kinds.has('sms') ? to.sms : null,
        emailTo: deps.paging.kinds.has('email') ? to.email : null,
        at: ctx.at,
      })
      await movePage(ctx.tx, page.id, { state: 'paging', step: toStep, at: ctx.at })
      const sms = deps.paging.kinds.has('sms') ? to.sms : null
      const email = deps.paging.kinds.has('email') ? to.email : null
      const by = [...(sms ? ['SMS'] : []), ...(email ? ['e-mail'] : [])]
      await log(pagingLog.paged(to.name ?? 'a removed user', toStep, page.chain.length, by, subjectOf(page)))
      // someone with no way to be reached is passed at once: the next step is due now
      const due = by.length > 0 ? escalatesAt(ctx.at, page.step_seconds) : ctx.at
      emit(decided.userId, due)
      if (by.length === 0) return null
      const subject = subjectOf(page)
      return {
        sms,
        email,
        subject: pageSubjectLine(deps.centreName, subject),
        text: pageText(deps.centreName, subject, page.reply_code, acknowledgeUrlOf(deps, token.secret)),
      }
    }
    default: {
      const exhaustive: never = decided
      return exhaustive
    }
  }
}

/**
 * A paging step in the log: the case's, or the organisation's daily log. Its event stays on the
 * node (who was paged is the organisation's own), so the case room shows it live here only.
 */
async function logStep(ctx: ActionContext, page: PageRow, text: string): Promise<void> {
  const entry = await insertPagingLogEntry(ctx.tx, {
    id: ctx.newId(),
    caseId: page.case_id,
    orgId: page.org_id,
    text,
    at: ctx.at,
  })
  ctx.emit({
    body: { kind: 'log-entry.appended', entry },
    subject: entry.id,
    orgId: page.org_id,
    distribution: { kind: 'organisation' },
    status: page.status,
  })
}

/**
 * Starts a page (decision 044) and pages the chain's first person: on a case opened at the
 * policy's severity or above and on a partner's item left waiting (by the paging worker, as the
 * node; each starts once), or on request from a case by a duty officer of an organisation taking
 * part (its own chain). The message leaves after the commit. Null: nothing to page (the policy
 * changed since, the item was acknowledged meanwhile, the page already exists).
 */
export async function startPage(
  deps: PagingDeps,
  command: { caller: Caller; start: PageStart; source: string | null },
): Promise<{ page: PageRow; sent: Promise<unknown> } | null> {
  const { start } = command
  const begun = await runAction(
    deps,
    { action: 'paging.start', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      let orgId: string
      let caseId: string | null = null
      let itemKey: string | null = null
      let subject: { title: string; severity: string | null; status: PageRow['status'] }
      if (start.reason === 'incoming_waiting') {
        const item = await findReceivedItem(ctx.tx, start.item)
        ctx.target(start.item.id, start.orgId, { reason: start.reason, origin: start.item.origin })
        if (
          !item ||
          item.acknowledged_at !== null ||
          item.removed_at !== null ||
          !item.audience.includes(start.orgId)
        )
          return null
        orgId = start.orgId
        itemKey = `${start.item.origin}/${start.item.kind}/${start.item.id}`
        subject = {
          title: `${start.item.origin.toUpperCase()}: ${item.title}`,
          severity: null,
          status: item.status,
        }
      } else {
        const c = await findCase(ctx.tx, start.caseId)
        if (!c) throw new LiaisonError('not_found', `no case ${start.caseId}`)
        caseId = c.id
        subject = { title: c.title, severity: c.severity, status: c.status }
        if (start.reason === 'requested') {
          const caller = requirePerson(command.caller)
          requirePermission(caller, 'cases.manage', caller.orgId)
          requireCaseWrite(caller, c)
          orgId = caller.orgId
        } else orgId = c.ownerOrgId
        ctx.target(c.id, orgId, { reason: start.reason })
      }
      const policy = await pagingPolicyOf(ctx.tx, orgId)
      if (!policy || policy.chain.length === 0) {
        if (start.reason === 'requested') throw refusalError('paging_chain_empty')
        return null
      }
      if (start.reason === 'case_opened' && !(await caseStillPages(ctx, orgId, subject.severity))) return null
      const page = await insertPage(ctx.tx, {
        id: ctx.newId(),
        orgId,
        caseId,
        reason: start.reason,
        itemKey,
        ...subject,
        note: start.reason === 'requested' ? start.note : null,
        chain: policy.chain,
        stepSeconds: policy.stepSeconds,
        replyCode: String(randomInt(0, 10_000)).padStart(4, '0'),
        at: ctx.at,
      })
      if (!page) return null
      const message = await pageStep(deps, ctx, page, 0)
      return { page, message }
    },
  )
  if (!begun) return null
  return { page: begun.page, sent: begun.message ? deps.paging.send([begun.message]) : Promise.resolve() }
}

/** The policy as it is now still asks for a page at this severity (it may have changed since the case opened). */
async function caseStillPages(ctx: ActionContext, orgId: string, severity: string | null): Promise<boolean> {
  const policy = await pagingPolicyOf(ctx.tx, orgId)
  const s = severities.find((v) => v === severity)
  return policy !== null && s !== undefined && pagesOnCaseOpened(policy, s)
}

/**
 * The escalation due for `toStep` (the paging worker, from the job the paging processor queued
 * when the step before was paged): the next person, or nobody left. A page acknowledged
 * meanwhile, or a job delivered again, pages nobody (core's `nextPagingStep`).
 */
export async function escalatePage(
  deps: PagingDeps,
  command: { pageId: string; toStep: number },
): Promise<{ paged: boolean; sent: Promise<unknown> }> {
  const message = await runAction(
    deps,
    { action: 'paging.escalate', actor: callerActor(pagingCaller), source: 'paging' },
    async (ctx) => {
      const page = await lockPage(ctx.tx, command.pageId)
      ctx.target(command.pageId, page?.org_id ?? null, { toStep: command.toStep })
      if (!page) return null
      return pageStep(deps, ctx, page, command.toStep)
    },
  )
  return { paged: message !== null, sent: message ? deps.paging.send([message]) : Promise.resolve() }
}

/** How a page is acknowledged: the link in a message, or a reply from a number it was sent to. */
export type PageAcknowledgement =
  | { readonly via: 'link'; readonly token: string }
  | { readonly via: 'sms'; readonly from: string; readonly code: string | null }

/**
 * Acknowledges a page: it stops escalating, and the log says who and how. By link, the token
 * names the page and the person; by SMS reply, the number names the person and the code the
 * page (without one: the newest open page sent to that number). Nothing matching is `not_found`.
 */
export async function acknowledgePage(
  deps: PagingDeps,
  command: { acknowledgement: PageAcknowledgement; source: string | null },
): Promise<PageRow> {
  const ack = command.acknowledgement
  return runAction(
    deps,
    { action: 'paging.acknowledge', actor: callerActor(pagingCaller), source: command.source },
    async (ctx) => {
      let found: { pageId: string; userId: string } | null
      if (ack.via === 'link') {
        const r = await recipientByToken(ctx.tx, hashSecret(ack.token))
        found = r ? { pageId: r.page_id, userId: r.user_id } : null
      } else {
        const open = await openPagesPagedTo(ctx.tx, ack.from)
        const match = ack.code === null ? open[0] : open.find((p) => p.reply_code === ack.code)
        found = match ? { pageId: match.page_id, userId: match.user_id } : null
      }
      if (!found) throw new LiaisonError('not_found', 'no page matches this acknowledgement')
      const page = await lockPage(ctx.tx, found.pageId)
      if (!page) throw new LiaisonError('not_found', 'no page matches this acknowledgement')
      const person = await confirmedPagingAddresses(ctx.tx, found.userId)
      if (person.username !== null)
        ctx.actAs({ kind: 'user', userId: found.userId, username: person.username, orgId: page.org_id })
      ctx.target(page.id, page.org_id, { via: ack.via, caseId: page.case_id })
      const judged = judgeAcknowledgement(stateOf(page))
      if (!judged.ok) throw refusalError(judged.error)
      await movePage(ctx.tx, page.id, { state: 'acknowledged', at: ctx.at, by: found.userId, via: ack.via })
      const who = await confirmedPagingAddresses(ctx.tx, found.userId)
      await logStep(ctx, page, pagingLog.acknowledged(who.name ?? 'a removed user', ack.via))
      ctx.emit({
        body: {
          kind: 'page.acknowledged',
          pageId: page.id,
          caseId: page.case_id,
          userId: found.userId,
          via: ack.via,
        },
        subject: page.id,
        orgId: page.org_id,
        distribution: { kind: 'organisation' },
        status: page.status,
      })
      return {
        ...page,
        state: 'acknowledged' as const,
        acknowledged_at: ctx.at,
        acknowledged_by: found.userId,
        acknowledged_via: ack.via,
      }
    },
  )
}
