import type { Discipline } from '@liaison/core'
import { attachmentRules } from '@liaison/core'
import type {
  AttachmentBody,
  AttachmentSummaryBody,
  CaseBody,
  CaseChangeBody,
  CaseListQuery,
  CasePage as CasePageBody,
  DecisionBody,
  GeoPointBody,
  Items,
  LogEntryBody,
  NewCaseBody,
  NewDecisionBody,
  NewLogEntryBody,
  NewTaskBody,
  Page,
  ScalingBody,
  SitrepBody,
  SitrepChangeBody,
  SitrepVersionBody,
  TaskBody,
  TaskChangeBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/*
 * The answers and requests of cases, logs, tasks, decisions and reports: each the static type of
 * its schema in `@liaison/wire`, the schema the node validates and serialises with. Times are
 * ISO 8601 texts, as on the wire.
 */

export type GeoPointRecord = Static<typeof GeoPointBody>
/** A case as the API presents it; participants are organisation ids. */
export type CaseRecord = Static<typeof CaseBody>
/** A case's scaling; `planLevel` (the national emergency plan's activation level) only for doctrine BE. */
export type Scaling = Static<typeof ScalingBody>
/** A change of a case: its state, who takes part, or a correction of its details. */
export type CaseChange = Static<typeof CaseChangeBody>
/** A correction of a case's details (the edit form). */
export type CaseCorrection = Pick<CaseChange, 'title' | 'description' | 'severity' | 'scaling' | 'endsAt'>
export type NewCase = Static<typeof NewCaseBody>
export type LogEntryRecord = Static<typeof LogEntryBody>
export type AttachmentSummary = Static<typeof AttachmentSummaryBody>
export type AttachmentRecord = Static<typeof AttachmentBody>
export type NewLogEntry = Static<typeof NewLogEntryBody>
export type TaskRecord = Static<typeof TaskBody>
export type NewTask = Static<typeof NewTaskBody>
export type TaskChange = Static<typeof TaskChangeBody>
export type DecisionRecord = Static<typeof DecisionBody>
export type NewDecision = Static<typeof NewDecisionBody>
export type SitrepRecord = Static<typeof SitrepBody>
export type SitrepChange = Static<typeof SitrepChangeBody>
/** An earlier version of a report, as it was before an edit replaced it (`content` as the node stored it). */
export type SitrepVersionRecord = Static<typeof SitrepVersionBody>

const casePath = (id: string): string => `/api/v1/cases/${encodeURIComponent(id)}`

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** One page of cases, latest start first; `next` is the `after` of the following page (null: no more). */
export type CasePage = Static<typeof CasePageBody>

/** The cases the organisation sees, a page at a time (`after`: the `next` of the page before). */
export const listCases = (filter: Omit<Static<typeof CaseListQuery>, 'limit'> = {}): Promise<CasePage> =>
  apiClient.get(`/api/v1/cases${query(filter)}`)

export const openCase = (input: NewCase): Promise<CaseRecord> => apiClient.post('/api/v1/cases', input)

export const fetchCase = (id: string): Promise<CaseRecord> => apiClient.get(casePath(id))

export const updateCase = (id: string, change: CaseChange): Promise<CaseRecord> =>
  apiClient.patch(casePath(id), change)

/** A page of a case's log, or of the daily log when `caseId` is null; newest first. */
export const listLog = (
  caseId: string | null,
  filter: { discipline?: Discipline | ''; q?: string } = {},
  after?: string,
): Promise<Page<LogEntryRecord>> =>
  apiClient.get(
    `${caseId === null ? '/api/v1/log' : `${casePath(caseId)}/log`}${pageQuery(
      { discipline: filter.discipline || undefined, q: filter.q?.trim() || undefined },
      after,
    )}`,
  )

export const appendLog = (caseId: string | null, entry: NewLogEntry): Promise<LogEntryRecord> =>
  apiClient.post(caseId === null ? '/api/v1/log' : `${casePath(caseId)}/log`, entry)

/** A page of a case's tasks, newest first. */
export const listTasks = (caseId: string, after?: string): Promise<Page<TaskRecord>> =>
  apiClient.get(`${casePath(caseId)}/tasks${pageQuery({}, after)}`)

export const createTask = (caseId: string, task: NewTask): Promise<TaskRecord> =>
  apiClient.post(`${casePath(caseId)}/tasks`, task)

export const updateTask = (id: string, change: TaskChange): Promise<TaskRecord> =>
  apiClient.patch(`/api/v1/tasks/${encodeURIComponent(id)}`, change)

/** A page of the overdue tasks of every case the organisation sees, most overdue first. */
export const listOverdueTasks = (after?: string): Promise<Page<TaskRecord>> =>
  apiClient.get(`/api/v1/tasks/overdue${pageQuery({}, after)}`)

/** A page of a case's decisions, latest first. */
export const listDecisions = (caseId: string, after?: string): Promise<Page<DecisionRecord>> =>
  apiClient.get(`${casePath(caseId)}/decisions${pageQuery({}, after)}`)

export const recordDecision = (caseId: string, decision: NewDecision): Promise<DecisionRecord> =>
  apiClient.post(`${casePath(caseId)}/decisions`, decision)

/** A page of a case's situation reports, latest number first. */
export const listSitreps = (caseId: string, after?: string): Promise<Page<SitrepRecord>> =>
  apiClient.get(`${casePath(caseId)}/sitreps${pageQuery({}, after)}`)

export const draftSitrep = (caseId: string): Promise<SitrepRecord> =>
  apiClient.post(`${casePath(caseId)}/sitreps`)

const sitrepPath = (id: string): string => `/api/v1/sitreps/${encodeURIComponent(id)}`

export const editSitrep = (id: string, change: SitrepChange): Promise<SitrepRecord> =>
  apiClient.patch(sitrepPath(id), change)

export const approveSitrep = (id: string, version: number): Promise<SitrepRecord> =>
  apiClient.post(`${sitrepPath(id)}/approve`, { version })

/** A report's earlier versions, oldest first. */
export const listSitrepVersions = (id: string): Promise<Items<SitrepVersionRecord>> =>
  apiClient.get(`${sitrepPath(id)}/versions`)

export const sitrepPrintHref = (id: string): string => `${sitrepPath(id)}/print`

/** The file types the node accepts as attachments (it checks the content too). */
export const attachmentTypes = attachmentRules.types

/** Adds a file to a log entry: the file is the raw body, not JSON. */
export const uploadAttachment = (logEntryId: string, file: File): Promise<AttachmentRecord> =>
  apiClient.upload(`/api/v1/log-entries/${encodeURIComponent(logEntryId)}/attachments`, file)

export const attachmentHref = (id: string): string => `/api/v1/attachments/${encodeURIComponent(id)}`
