import type { CaseState, CaseStatus, Severity, TaskState } from '@liaison/core'
import { apiClient } from './apiClient.ts'
import type { Page } from './Page.ts'
import { pageQuery } from './Page.ts'

interface Items<T> {
  readonly items: readonly T[]
}

/* ---- roster and handover ---- */

export interface Rotation {
  readonly timeZone: string
  readonly startDate: string
  readonly shiftStarts: readonly string[]
  readonly members: readonly string[]
}

export interface ShiftRecord {
  readonly start: string
  readonly end: string
  readonly hours: number
  readonly userId: string
  readonly displayName: string
  readonly replaces: string | null
}

export interface HandoverReport {
  readonly openCases: readonly {
    readonly id: string
    readonly title: string
    readonly kind: string
    readonly status: CaseStatus
    readonly state: CaseState
    readonly severity: Severity
  }[]
  readonly newEntries: {
    readonly count: number
    readonly latest: readonly {
      readonly id: string
      readonly caseId: string | null
      readonly occurredAt: string
      readonly text: string
    }[]
  }
  readonly pendingTasks: readonly {
    readonly id: string
    readonly caseId: string
    readonly title: string
    readonly state: TaskState
    readonly dueAt: string | null
    readonly overdue: boolean
  }[]
  readonly upcomingEvents: readonly {
    readonly id: string
    readonly title: string
    readonly status: CaseStatus
    readonly startsAt: string
  }[]
  readonly decisions: readonly {
    readonly id: string
    readonly caseId: string
    readonly text: string
    readonly decidedAt: string
  }[]
  /**
   * The shift handed over, from the roster: null when the organisation keeps no roster; absent
   * from reports made before the node recorded it.
   */
  readonly shift?: {
    readonly start: string
    readonly end: string
    readonly userId: string
  } | null
  /** What concerned the outgoing officer and was never read (older reports may lack it). */
  readonly unreadItems?: readonly {
    readonly seq: number
    readonly kind: 'task-assigned' | 'case-joined' | 'sitrep-approved' | 'case-closed'
    readonly caseId: string
    readonly title: string
    readonly at: string
  }[]
}

export interface HandoverRecord {
  readonly id: string
  readonly orgId: string
  readonly periodFrom: string
  readonly periodTo: string
  readonly outgoingUserId: string
  readonly report: HandoverReport
  readonly notes: string
  readonly createdAt: string
  readonly signedOffBy: string | null
  readonly signedOffAt: string | null
  readonly outgoingName?: string
  readonly signedOffByName?: string | null
}

export interface RosterPerson {
  readonly id: string
  readonly displayName: string
}

export interface Roster {
  readonly rotation: Rotation | null
  /** All active users of the organisation, named. */
  readonly people?: readonly RosterPerson[]
}

export const fetchRoster = (): Promise<Roster> => apiClient.get('/api/v1/roster')

export const saveRoster = (rotation: Rotation): Promise<{ readonly ok: boolean }> =>
  apiClient.put('/api/v1/roster', rotation)

export const listShifts = (from: string, to: string): Promise<Items<ShiftRecord>> =>
  apiClient.get(`/api/v1/roster/shifts?${new URLSearchParams({ from, to }).toString()}`)

export const overrideShift = (input: {
  readonly shiftStart: string
  readonly userId: string
  readonly reason: string
}): Promise<ShiftRecord> => apiClient.put('/api/v1/roster/overrides', input)

export const listHandovers = (): Promise<Items<HandoverRecord>> => apiClient.get('/api/v1/handovers')

export const prepareHandover = (notes: string): Promise<HandoverRecord> =>
  apiClient.post('/api/v1/handovers', notes.trim() ? { notes: notes.trim() } : {})

export const signOffHandover = (
  id: string,
): Promise<{ readonly id: string; readonly signedOffBy: string; readonly signedOffAt: string }> =>
  apiClient.post(`/api/v1/handovers/${encodeURIComponent(id)}/sign-off`)

/* ---- contacts ---- */

export const contactKinds = ['point-of-contact', 'person', 'building', 'infrastructure'] as const
export type ContactKind = (typeof contactKinds)[number]

export interface ContactRecord {
  readonly id: string
  readonly ownerOrgId: string
  readonly kind: ContactKind
  readonly name: string
  readonly role: string
  readonly organisationName: string
  readonly region: string
  readonly phones: readonly { readonly label: string; readonly number: string }[]
  readonly emails: readonly string[]
  readonly address: string
  readonly location: { readonly lon: number; readonly lat: number } | null
  readonly available247: boolean
  readonly revalidateBy: string
  readonly stale: boolean
  readonly updatedAt: string
}

export interface NewContact {
  readonly kind: ContactKind
  readonly name: string
  readonly role?: string
  readonly organisationName?: string
  readonly region?: string
  readonly phones?: readonly { readonly label: string; readonly number: string }[]
  readonly emails?: readonly string[]
  readonly address?: string
  readonly location?: { readonly lon: number; readonly lat: number } | null
  readonly available247?: boolean
  readonly revalidateBy: string
}

/** A page of the contact directory, by name. */
export const listContacts = (
  filter: { q?: string; kind?: ContactKind | '' },
  after?: string,
): Promise<Page<ContactRecord>> =>
  apiClient.get(
    `/api/v1/contacts${pageQuery({ q: filter.q?.trim(), kind: filter.kind || undefined }, after)}`,
  )

export const addContact = (contact: NewContact): Promise<{ readonly id: string }> =>
  apiClient.post('/api/v1/contacts', contact)

/** Replaces a record the caller's organisation keeps (the full record), and so revalidates it. */
export const updateContact = (id: string, contact: NewContact): Promise<{ readonly id: string }> =>
  apiClient.put(`/api/v1/contacts/${encodeURIComponent(id)}`, contact)

/* ---- plans ---- */

/** One uploaded version of a plan's document (its bytes are downloaded from `planDocumentHref`). */
export interface PlanDocument {
  readonly id: string
  readonly planId: string
  readonly fileName: string
  readonly contentType: string
  readonly size: number
  readonly sha256: string
  readonly uploadedAt: string
  readonly uploadedBy: string
  readonly uploadedByName: string
}

export interface PlanRecord {
  readonly id: string
  readonly ownerOrgId: string
  readonly title: string
  readonly scope: string
  readonly area: string
  readonly version: string
  readonly validUntil: string | null
  /** A text reference to where the document is kept (an address, a reference), if any. */
  readonly document: string
  /** The newest uploaded version of the plan's document. */
  readonly currentDocument?: PlanDocument | null
  readonly updatedAt: string
}

export interface NewPlan {
  readonly title: string
  readonly scope?: string
  readonly area?: string
  readonly version?: string
  readonly validUntil?: string | null
  readonly document?: string
}

export interface ActivatedPlan {
  readonly id: string
  readonly title: string
  readonly version: string
  readonly activatedAt: string
  readonly currentDocument?: PlanDocument | null
}

export const listPlans = (): Promise<Items<PlanRecord>> => apiClient.get('/api/v1/plans')

export const addPlan = (plan: NewPlan): Promise<{ readonly id: string }> =>
  apiClient.post('/api/v1/plans', plan)

/** Replaces a plan's metadata (only the organisation that keeps it). */
export const updatePlan = (id: string, plan: NewPlan): Promise<{ readonly id: string }> =>
  apiClient.put(`/api/v1/plans/${encodeURIComponent(id)}`, plan)

/** Every version of a plan's document, newest (the current one) first. */
export const listPlanDocuments = (planId: string): Promise<Items<PlanDocument>> =>
  apiClient.get(`/api/v1/plans/${encodeURIComponent(planId)}/documents`)

/** Uploads a new version of a plan's document: the file is the raw body, its type and name in headers. */
export const uploadPlanDocument = (planId: string, file: File): Promise<PlanDocument> =>
  apiClient.upload(`/api/v1/plans/${encodeURIComponent(planId)}/documents`, file)

export const planDocumentHref = (id: string): string => `/api/v1/plan-documents/${encodeURIComponent(id)}`

export const listCasePlans = (caseId: string): Promise<Items<ActivatedPlan>> =>
  apiClient.get(`/api/v1/cases/${encodeURIComponent(caseId)}/plans`)

export const activatePlan = (caseId: string, planId: string): Promise<void> =>
  apiClient.post(`/api/v1/cases/${encodeURIComponent(caseId)}/plans`, { planId })

/* ---- calendar ---- */

export interface CalendarEvent {
  readonly id: string
  readonly title: string
  readonly type: string
  readonly status: CaseStatus
  readonly state: CaseState
  readonly startsAt: string
  readonly endsAt: string | null
}

export const listCalendarEvents = (): Promise<Items<CalendarEvent>> =>
  apiClient.get('/api/v1/calendar/events')

export const createCalendarFeed = (): Promise<{ readonly id: string; readonly url: string }> =>
  apiClient.post('/api/v1/calendar/feeds')

export const revokeCalendarFeed = (id: string): Promise<void> =>
  apiClient.delete(`/api/v1/calendar/feeds/${encodeURIComponent(id)}`)

/* ---- map ---- */

export const featureKinds = [
  'incident-point',
  'perimeter',
  'command-post',
  'assembly-point',
  'roadblock',
  'route',
  'other',
] as const
export type FeatureKind = (typeof featureKinds)[number]

export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: readonly [number, number] }
  | { readonly type: 'LineString'; readonly coordinates: readonly (readonly [number, number])[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly (readonly [number, number])[])[] }

export interface MapFeatureProperties {
  readonly caseId: string
  readonly orgId?: string
  readonly kind: FeatureKind | 'case'
  readonly label: string
  readonly version?: number
  readonly status?: CaseStatus
  readonly severity?: string
}

export interface MapFeatureRecord {
  readonly type: 'Feature'
  readonly id: string
  readonly geometry: Geometry
  readonly properties: MapFeatureProperties
}

export interface FeatureCollection {
  readonly type: 'FeatureCollection'
  readonly features: readonly MapFeatureRecord[]
}

const mapPath = (caseId: string): string => `/api/v1/cases/${encodeURIComponent(caseId)}/map`

/**
 * Every feature of a case's map, newest first: the node answers a page at a time, and a map
 * draws them all, so the pages are read one after another (500 features each).
 */
export async function fetchCaseMap(caseId: string): Promise<FeatureCollection> {
  const features: MapFeatureRecord[] = []
  let after: string | undefined
  for (;;) {
    const page: FeatureCollection & { readonly next: string | null } = await apiClient.get(
      `${mapPath(caseId)}${pageQuery({ limit: '500' }, after)}`,
    )
    features.push(...page.features)
    if (!page.next) return { type: 'FeatureCollection', features }
    after = page.next
  }
}

export const fetchOpenCasesMap = (): Promise<FeatureCollection> => apiClient.get('/api/v1/map/open-cases')

export const addMapFeature = (
  caseId: string,
  feature: { readonly kind: FeatureKind; readonly label: string; readonly geometry: Geometry },
): Promise<unknown> => apiClient.post(mapPath(caseId), feature)

export const removeMapFeature = (caseId: string, featureId: string): Promise<void> =>
  apiClient.delete(`${mapPath(caseId)}/${encodeURIComponent(featureId)}`)

export const updateMapFeature = (
  caseId: string,
  featureId: string,
  feature: {
    readonly kind: FeatureKind
    readonly label: string
    readonly geometry: Geometry
    readonly version: number
  },
): Promise<unknown> => apiClient.put(`${mapPath(caseId)}/${encodeURIComponent(featureId)}`, feature)
