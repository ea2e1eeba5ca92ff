import { apiClient } from './apiClient.ts'

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

/** A page of the audit, newest first; `nextBefore` asks for the page after it, null at the oldest row. */
export interface AuditPage {
  readonly items: AuditRow[]
  readonly nextBefore: number | null
}

export const auditPageSize = 50

export function listAudit(before?: number): Promise<AuditPage> {
  const query = new URLSearchParams({ limit: String(auditPageSize) })
  if (before !== undefined) query.set('before', String(before))
  return apiClient.get(`/api/v1/audit?${query.toString()}`)
}
