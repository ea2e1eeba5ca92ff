import type { Severity } from '../cases/Case.ts'
import { severities } from '../cases/Case.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'

/** Why a page was started: a case opened at the policy's severity, a partner's item left waiting, a request. */
export const pageReasons = ['case_opened', 'incoming_waiting', 'requested'] as const
export type PageReason = (typeof pageReasons)[number]

/** The bounds of the policy's times, in seconds. */
export const pagingLimits = {
  stepSeconds: { min: 1, max: 3600 },
  incomingWaitSeconds: { min: 1, max: 86_400 },
  chainLength: { max: 20 },
} as const

/** The duty desk's on-call chain of one organisation (decision 044). */
export interface PagingPolicy {
  /** Users in the order they are paged. */
  readonly chain: readonly string[]
  /** A case opened at this severity or higher pages the chain; null: opening a case pages nobody. */
  readonly minSeverity: Severity | null
  /** How long a person has to acknowledge before the next is paged. */
  readonly stepSeconds: number
  /** How long a partner's item may wait unacknowledged before the chain is paged; null: never. */
  readonly incomingWaitSeconds: number | null
}

export type PagingPolicyRefusal =
  | 'paging_chain_duplicate'
  | 'paging_user_unknown'
  | 'paging_user_unreachable'
  | 'paging_time_out_of_range'
  | 'paging_chain_too_long'

/** What the store knows of each user a chain names: in the organisation, and with a confirmed address. */
export interface PagingCandidate {
  readonly id: string
  readonly reachable: boolean
}

/**
 * Checks an organisation's new policy: each user once, each one of the organisation and with a
 * confirmed paging address (a chain that cannot reach its people is no chain), times in bounds.
 */
export function checkPagingPolicy(
  policy: PagingPolicy,
  members: ReadonlyMap<string, PagingCandidate>,
): Result<PagingPolicy, { reason: PagingPolicyRefusal; field: string }> {
  if (policy.chain.length > pagingLimits.chainLength.max)
    return err({ reason: 'paging_chain_too_long', field: 'chain' })
  const seen = new Set<string>()
  for (const [i, id] of policy.chain.entries()) {
    if (seen.has(id)) return err({ reason: 'paging_chain_duplicate', field: `chain/${i}` })
    seen.add(id)
    const member = members.get(id)
    if (!member) return err({ reason: 'paging_user_unknown', field: `chain/${i}` })
    if (!member.reachable) return err({ reason: 'paging_user_unreachable', field: `chain/${i}` })
  }
  const inBounds = (value: number, bounds: { min: number; max: number }) =>
    Number.isInteger(value) && value >= bounds.min && value <= bounds.max
  if (!inBounds(policy.stepSeconds, pagingLimits.stepSeconds))
    return err({ reason: 'paging_time_out_of_range', field: 'stepSeconds' })
  if (
    policy.incomingWaitSeconds !== null &&
    !inBounds(policy.incomingWaitSeconds, pagingLimits.incomingWaitSeconds)
  )
    return err({ reason: 'paging_time_out_of_range', field: 'incomingWaitSeconds' })
  return ok(policy)
}

/** Whether opening a case of this severity pages the chain. */
export function pagesOnCaseOpened(policy: PagingPolicy, severity: Severity): boolean {
  if (policy.minSeverity === null || policy.chain.length === 0) return false
  return severities.indexOf(severity) >= severities.indexOf(policy.minSeverity)
}

/** A page as the rules see it. */
export interface PageState {
  readonly state: 'paging' | 'acknowledged' | 'exhausted'
  /** The step paged last (0: the first person), -1 before the first. */
  readonly step: number
  /** The chain as it was when the page started. */
  readonly chain: readonly string[]
}

/** What an escalation due for `toStep` does. */
export type EscalationDecision =
  | { readonly kind: 'page'; readonly step: number; readonly userId: string }
  | { readonly kind: 'exhausted' }
  /** Acknowledged, exhausted, or that step is already paged (a job delivered again): nothing. */
  | { readonly kind: 'nothing' }

/**
 * Who is next: a step is paged once, in order; after the last person the page is exhausted
 * (everyone was paged and nobody answered). Escalations for a step other than the next are
 * nothing, so a job delivered twice or late never pages twice.
 */
export function nextPagingStep(page: PageState, toStep: number): EscalationDecision {
  if (page.state !== 'paging' || toStep !== page.step + 1) return { kind: 'nothing' }
  const userId = page.chain[toStep]
  if (userId === undefined) return { kind: 'exhausted' }
  return { kind: 'page', step: toStep, userId }
}

/** When the step paged at `pagedAt` escalates to the next. */
export function escalatesAt(pagedAt: Date, stepSeconds: number): Date {
  return new Date(pagedAt.getTime() + stepSeconds * 1000)
}

/** Acknowledging: once; a page that ran out may still be acknowledged by someone it reached. */
export function judgeAcknowledgement(page: PageState): Result<'acknowledged', 'page_already_acknowledged'> {
  if (page.state === 'acknowledged') return err('page_already_acknowledged')
  return ok('acknowledged')
}

/**
 * The words that unsubscribe a number by SMS reply: STOP (en, nl), ARRET and ARRÊT (fr),
 * STOPP (de), read whole, accent- and case-blind, with spaces and a final full stop or
 * exclamation mark ignored.
 */
export const stopWords = ['STOP', 'ARRET', 'STOPP'] as const

/** What a mobile-originated SMS asks for. */
export type SmsReply =
  | { readonly kind: 'stop' }
  /** A paging acknowledgement: `OK`, `ACK` or `ACK <code>`, or the code alone. */
  | { readonly kind: 'acknowledge'; readonly code: string | null }
  | { readonly kind: 'other' }

/** Four characters a page's reply code is made of: digits only, easy on any phone. */
export const pageReplyCodePattern = /^\d{4}$/

/** Reads an SMS reply: a STOP word, a paging acknowledgement, or something else (ignored). */
export function readSmsReply(text: string): SmsReply {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[.!]+\s*$/u, '')
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '')
  const [first, second, ...rest] = words
  if (first === undefined || rest.length > 0) return { kind: 'other' }
  if (second === undefined) {
    if ((stopWords as readonly string[]).includes(first)) return { kind: 'stop' }
    if (first === 'OK' || first === 'ACK') return { kind: 'acknowledge', code: null }
    if (pageReplyCodePattern.test(first)) return { kind: 'acknowledge', code: first }
    return { kind: 'other' }
  }
  if ((first === 'OK' || first === 'ACK') && pageReplyCodePattern.test(second))
    return { kind: 'acknowledge', code: second }
  return { kind: 'other' }
}
