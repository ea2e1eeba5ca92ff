import { apiClient } from './apiClient.ts'
import type { Page } from './Page.ts'
import { pageQuery } from './Page.ts'

export type AuditOutcome = 'ok' | 'refused' | 'failed'

/** One row of the organisation's audit. */
export interface AuditRow {
  readonly seq: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly target: string | null
  readonly outcome: AuditOutcome
  readonly code: string | null
  readonly source: string | null
  /** The roles the actor granted to themselves in this action; null when it is no self-grant. */
  readonly selfGranted: readonly string[] | null
}

/** A page of the audit, newest first. */
export type AuditPage = Page<AuditRow>

/** The organisation's audit, a page at a time (`after`: the `next` of the page before). */
export function listAudit(after?: string): Promise<AuditPage> {
  return apiClient.get(`/api/v1/audit${pageQuery({}, after)}`)
}
