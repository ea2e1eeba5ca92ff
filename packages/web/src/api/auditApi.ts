import type { AuditPage as AuditPageBody, AuditRowBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/** One row of the organisation's audit. */
export type AuditRow = Static<typeof AuditRowBody>
export type AuditOutcome = AuditRow['outcome']

/** A page of the audit, newest first. */
export type AuditPage = Static<typeof AuditPageBody>

/** The organisation's audit, a page at a time (`after`: the `next` of the page before). */
export function listAudit(after?: string): Promise<AuditPage> {
  return apiClient.get(`/api/v1/audit${pageQuery({}, after)}`)
}
