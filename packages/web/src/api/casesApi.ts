import type {
  BePlanLevel,
  CaseKind,
  CaseState,
  CaseStatus,
  Casualties,
  Discipline,
  Doctrine,
  LogSource,
  Severity,
  TaskPriority,
  TaskState,
} from '@liaison/core'
import { apiClient } from './apiClient.ts'
import type { Page } from './Page.ts'
import { pageQuery } from './Page.ts'

export interface GeoPointRecord {
  readonly lon: number
  readonly lat: number
}

/** A case as the API presents it; participants are organisation ids. */
export interface CaseRecord {
  readonly id: string
  readonly ownerOrgId: string
  readonly kind: CaseKind
  readonly status: CaseStatus
  readonly type: string
  readonly title: string
  readonly description: string
  readonly location: GeoPointRecord | null
  readonly startsAt: string
  readonly endsAt: string | null
  readonly severity: Severity
  readonly state: CaseState
  readonly disciplines: readonly Discipline[]
  readonly scaling: Scaling | null
  readonly scalingCrosswalk: Readonly<Record<Doctrine, string>> | null
  readonly participants: readonly string[]
  readonly createdAt: string
  readonly createdBy: string
  readonly updatedAt: string
  /** The daily-log entry the case was opened from, if any. */
  readonly fromLogEntry?: string | null
}

/** A case's scaling; `planLevel` (the national emergency plan's activation level) only for doctrine BE. */
export interface Scaling {
  readonly doctrine: Doctrine
  readonly level: string
  readonly planLevel?: BePlanLevel | null
}

export interface CaseCorrection {
  readonly title?: string
  readonly description?: string
  readonly severity?: Severity
  readonly scaling?: Scaling | null
  readonly endsAt?: string | null
}

export interface NewCase {
  readonly kind: CaseKind
  readonly status: CaseStatus
  readonly type: string
  readonly title: string
  readonly description?: string
  readonly severity: Severity
  readonly disciplines?: readonly Discipline[]
  readonly scaling?: Scaling | null
  readonly location?: GeoPointRecord | null
  readonly startsAt?: string
  readonly endsAt?: string | null
  /** Organisation codes. */
  readonly participants?: readonly string[]
  /** A daily-log entry of the caller's organisation the case grows out of. */
  readonly fromLogEntry?: string
}

export interface LogEntryRecord {
  readonly id: string
  readonly caseId: string | null
  readonly orgId: string
  readonly authorId: string
  readonly authorName: string
  readonly occurredAt: string
  /** When it happened, as reported (decision 015); absent from servers before it. */
  readonly occurred?: ReportedTimeRecord
  readonly recordedAt: string
  readonly discipline: Discipline
  readonly source: LogSource
  readonly text: string
  readonly location: GeoPointRecord | null
  readonly supersedes: string | null
  /** Absent in live-stream events: the list works it out from `supersedes`. */
  readonly supersededBy?: string | null
  /** Absent in live-stream events and on a fresh entry. */
  readonly attachments?: readonly AttachmentSummary[]
}

export interface AttachmentSummary {
  readonly id: string
  readonly fileName: string
  readonly contentType: string
  readonly size: number
}

export interface AttachmentRecord extends AttachmentSummary {
  readonly logEntryId: string
  readonly sha256: string
  readonly createdAt: string
}

/** A time as reported: `at` in the local time of `zone`, and how sure it is (the server's ReportedTimeBody). */
export interface ReportedTimeRecord {
  readonly at: string
  readonly zone?: string
  readonly qualifier?: 'exact' | 'approximate' | 'part-of-day' | 'range' | 'defaulted'
  readonly part?: 'night' | 'morning' | 'afternoon' | 'evening'
  readonly until?: string
}

export interface NewLogEntry {
  readonly discipline: Discipline
  readonly source: LogSource
  readonly text: string
  readonly occurredAt?: string | ReportedTimeRecord
  readonly location?: GeoPointRecord
  readonly supersedes?: string
}

export interface TaskRecord {
  readonly id: string
  readonly caseId: string
  readonly title: string
  readonly description: string
  readonly assigneeOrgId: string
  readonly assigneeUserId: string | null
  readonly dueAt: string | null
  readonly state: TaskState
  readonly priority: TaskPriority
  readonly overdue: boolean
  readonly fromLogEntry: string | null
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

export interface NewTask {
  readonly title: string
  readonly description?: string
  readonly assigneeOrg?: string
  readonly assigneeUserId?: string
  readonly dueAt?: string
  readonly priority?: TaskPriority
  readonly fromLogEntry?: string
}

export interface DecisionRecord {
  readonly id: string
  readonly caseId: string
  readonly text: string
  readonly decidedBy: string
  readonly rationale: string
  readonly decidedAt: string
  readonly fromLogEntry: string | null
  readonly recordedBy: string
  readonly recordedAt: string
}

export interface NewDecision {
  readonly text: string
  readonly decidedBy: string
  readonly rationale?: string
  readonly fromLogEntry?: string
}

export interface SitrepRecord {
  readonly id: string
  readonly caseId: string
  readonly number: number
  readonly version: number
  readonly state: 'draft' | 'approved'
  readonly periodFrom: string
  readonly periodTo: string
  readonly conditions: string
  readonly actions: string
  readonly needs: string
  readonly casualties: Casualties
  readonly resources: string
  readonly nextUpdateAt: string | null
  readonly draftedBy: string
  readonly approvedBy: string | null
  readonly approvedAt: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface SitrepChange {
  readonly version: number
  readonly conditions?: string
  readonly actions?: string
  readonly needs?: string
  readonly resources?: string
  readonly casualties?: Casualties
  readonly nextUpdateAt?: string | null
}

interface Items<T> {
  readonly items: T[]
}

const casePath = (id: string): string => `/api/v1/cases/${encodeURIComponent(id)}`

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** One page of cases, latest start first; `next` is the `after` of the following page (null: no more). */
export type CasePage = Page<CaseRecord>

/** The cases the organisation sees, a page at a time (`after`: the `next` of the page before). */
export const listCases = (
  filter: { state?: CaseState; status?: CaseStatus; after?: string } = {},
): Promise<CasePage> => apiClient.get(`/api/v1/cases${query(filter)}`)

export const openCase = (input: NewCase): Promise<CaseRecord> => apiClient.post('/api/v1/cases', input)

export const fetchCase = (id: string): Promise<CaseRecord> => apiClient.get(casePath(id))

export const updateCase = (
  id: string,
  change: { state?: CaseState; participants?: readonly string[] } & CaseCorrection,
): Promise<CaseRecord> => apiClient.patch(casePath(id), change)

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

export const updateTask = (
  id: string,
  change: { state?: TaskState; dueAt?: string | null },
): Promise<TaskRecord> => apiClient.patch(`/api/v1/tasks/${encodeURIComponent(id)}`, change)

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

/** An earlier version of a report, as it was before an edit replaced it (`content` as the node stored it). */
export interface SitrepVersionRecord {
  readonly version: number
  readonly content: unknown
  readonly replacedAt: string
  /** The user who saved the edit that replaced this version. */
  readonly replacedBy: string
  readonly replacedByName?: string
}

/** A report's earlier versions, oldest first. */
export const listSitrepVersions = (id: string): Promise<Items<SitrepVersionRecord>> =>
  apiClient.get(`${sitrepPath(id)}/versions`)

export const sitrepPrintHref = (id: string): string => `${sitrepPath(id)}/print`

/** The file types the node accepts as attachments (it checks the content too). */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const

/** Adds a file to a log entry: the file is the raw body, not JSON. */
export const uploadAttachment = (logEntryId: string, file: File): Promise<AttachmentRecord> =>
  apiClient.upload(`/api/v1/log-entries/${encodeURIComponent(logEntryId)}/attachments`, file)

export const attachmentHref = (id: string): string => `/api/v1/attachments/${encodeURIComponent(id)}`
