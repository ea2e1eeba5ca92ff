import type { AlertState } from '@liaison/core'
import type {
  AlertBody,
  AlertContentBody,
  AlertDetailBody,
  AlertTemplateBody,
  AreaCheckAnswer,
  AreaCheckBody,
  AreaSummaryBody,
  CapAlertBody,
  CapInfoBody,
  Page,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/*
 * Public warnings (issue 10, decision 029): each answer and request the static type of its
 * schema in `@liaison/wire`.
 */

export type AlertRecord = Static<typeof AlertBody>
export type AlertDetail = Static<typeof AlertDetailBody>
export type AlertContent = Static<typeof AlertContentBody>
export type CapMessage = Static<typeof CapAlertBody>
export type CapInfo = Static<typeof CapInfoBody>
export type AreaCheck = Static<typeof AreaCheckBody>
export type AreaCheckResult = Static<typeof AreaCheckAnswer>
export type AreaSummary = Static<typeof AreaSummaryBody>

const alertPath = (id: string): string => `/api/v1/alerts/${encodeURIComponent(id)}`

/** The organisation's alerts, newest first, a page at a time (optionally in one state). */
export const listAlerts = (state?: AlertState, after?: string): Promise<Page<AlertRecord>> =>
  apiClient.get(`/api/v1/alerts${pageQuery({ state }, after)}`)

export const fetchAlert = (id: string): Promise<AlertDetail> => apiClient.get(alertPath(id))

export const draftAlert = (content: AlertContent): Promise<AlertRecord> =>
  apiClient.post('/api/v1/alerts', content)

export const editAlert = (id: string, version: number, content: AlertContent): Promise<AlertRecord> =>
  apiClient.put(alertPath(id), { version, content })

export const submitAlert = (id: string, version: number): Promise<AlertRecord> =>
  apiClient.post(`${alertPath(id)}/submit`, { version })

export const returnAlert = (id: string, version: number, reason: string): Promise<AlertRecord> =>
  apiClient.post(`${alertPath(id)}/return`, { version, reason })

/** Approve the submitted version: issued at once, or at `issueAt` (an ISO time). */
export const approveAlert = (id: string, version: number, issueAt?: string): Promise<AlertRecord> =>
  apiClient.post(`${alertPath(id)}/approve`, issueAt === undefined ? { version } : { version, issueAt })

export const issueAlertAlone = (
  id: string,
  version: number,
  exception: NonNullable<AlertRecord['exception']>,
): Promise<AlertRecord> => apiClient.post(`${alertPath(id)}/issue-alone`, { version, exception })

/** A correction (Update) or cancellation (Cancel) of an issued alert: a new draft, its text prepared. */
export const startCorrection = (id: string, kind: 'Update' | 'Cancel'): Promise<AlertRecord> =>
  apiClient.post(`${alertPath(id)}/corrections`, { kind })

/** The composer's live check of a drawn area. */
export const checkArea = (area: AreaCheck): Promise<AreaCheckResult> =>
  apiClient.post('/api/v1/areas/check', area)

/** The shipped provinces (a page of them; the Benelux has twenty-four). */
export const listProvinces = (): Promise<Page<AreaSummary>> =>
  apiClient.get(`/api/v1/areas${pageQuery({ level: 'province', limit: '100' })}`)

export type AlertTemplateRecord = Static<typeof AlertTemplateBody>

/** The organisation's alert templates not retired, newest first (the first hundred). */
export const listAlertTemplates = (): Promise<Page<AlertTemplateRecord>> =>
  apiClient.get(`/api/v1/alert-templates${pageQuery({ limit: '100' })}`)
