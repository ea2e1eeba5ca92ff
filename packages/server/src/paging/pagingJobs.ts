import type { ReceivedItemKind } from '@liaison/core'
import { isReceivedItemKind } from '@liaison/core'

/** The queue's topic of paging's work (decision 044). */
export const pagingTopic = 'paging'

/** What the paging worker is asked to do, as queued by the paging processor. */
export type PagingJob =
  /** A case opened at the policy's severity: start its page. */
  | { readonly type: 'case-opened'; readonly caseId: string }
  /** A partner's item, due when it has waited the policy's time: page if nobody acknowledged it. */
  | {
      readonly type: 'incoming'
      readonly orgId: string
      readonly item: { readonly origin: string; readonly kind: ReceivedItemKind; readonly id: string }
    }
  /** The next step of a page, due when the step before ran out. */
  | { readonly type: 'escalate'; readonly pageId: string; readonly toStep: number }

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200

/** A job's payload read back; null for one this code did not write (it is dropped, logged). */
export function readPagingJob(payload: unknown): PagingJob | null {
  if (typeof payload !== 'object' || payload === null) return null
  const p = payload as Record<string, unknown>
  switch (p['type']) {
    case 'case-opened':
      return isText(p['caseId']) ? { type: 'case-opened', caseId: p['caseId'] } : null
    case 'incoming': {
      const item = p['item'] as Record<string, unknown> | null | undefined
      if (!isText(p['orgId']) || typeof item !== 'object' || item === null) return null
      const { origin, kind, id } = item
      if (!isText(origin) || !isReceivedItemKind(kind) || !isText(id)) return null
      return { type: 'incoming', orgId: p['orgId'], item: { origin, kind, id } }
    }
    case 'escalate': {
      const toStep = p['toStep']
      return isText(p['pageId']) && typeof toStep === 'number' && Number.isSafeInteger(toStep) && toStep >= 0
        ? { type: 'escalate', pageId: p['pageId'], toStep }
        : null
    }
    default:
      return null
  }
}
