import type {
  ActivatedPlanBody,
  CalendarEventBody,
  ContactBody,
  ContactPage,
  FeatureCollectionBody,
  FeatureCollectionPageBody,
  GeoJsonFeatureBody,
  HandoverBody,
  HandoverReportBody,
  HandoverSignOffBody,
  IdBody,
  Items,
  NewCalendarFeedBody,
  NewContactBody,
  NewMapFeatureBody,
  NewPlanBody,
  OkBody,
  PlanBody,
  PlanDocumentBody,
  RosterBody,
  RotationBody,
  ShiftBody,
  ShiftOverrideBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/* ---- roster and handover ---- */

export type Rotation = Static<typeof RotationBody>
export type ShiftRecord = Static<typeof ShiftBody>
/** What the incoming officer must know; `shift` and `unreadItems` are absent from older reports. */
export type HandoverReport = Static<typeof HandoverReportBody>
export type HandoverRecord = Static<typeof HandoverBody>
export type Roster = Static<typeof RosterBody>
export type RosterPerson = Roster['people'][number]

export const fetchRoster = (): Promise<Roster> => apiClient.get('/api/v1/roster')

export const saveRoster = (rotation: Rotation): Promise<Static<typeof OkBody>> =>
  apiClient.put('/api/v1/roster', rotation)

export const listShifts = (from: string, to: string): Promise<Items<ShiftRecord>> =>
  apiClient.get(`/api/v1/roster/shifts?${new URLSearchParams({ from, to }).toString()}`)

export const overrideShift = (input: Static<typeof ShiftOverrideBody>): Promise<ShiftRecord> =>
  apiClient.put('/api/v1/roster/overrides', input)

export const listHandovers = (): Promise<Items<HandoverRecord>> => apiClient.get('/api/v1/handovers')

export const prepareHandover = (notes: string): Promise<HandoverRecord> =>
  apiClient.post('/api/v1/handovers', notes.trim() ? { notes: notes.trim() } : {})

export const signOffHandover = (id: string): Promise<Static<typeof HandoverSignOffBody>> =>
  apiClient.post(`/api/v1/handovers/${encodeURIComponent(id)}/sign-off`)

/* ---- contacts ---- */

export type ContactKind = ContactRecord['kind']
export type ContactRecord = Static<typeof ContactBody>
export type NewContact = Static<typeof NewContactBody>

/** A page of the contact directory, by name. */
export const listContacts = (
  filter: { q?: string; kind?: ContactKind | '' },
  after?: string,
): Promise<Static<typeof ContactPage>> =>
  apiClient.get(
    `/api/v1/contacts${pageQuery({ q: filter.q?.trim(), kind: filter.kind || undefined }, after)}`,
  )

export const addContact = (contact: NewContact): Promise<Static<typeof IdBody>> =>
  apiClient.post('/api/v1/contacts', contact)

/** Replaces a record the caller's organisation keeps (the full record), and so revalidates it. */
export const updateContact = (id: string, contact: NewContact): Promise<Static<typeof IdBody>> =>
  apiClient.put(`/api/v1/contacts/${encodeURIComponent(id)}`, contact)

/* ---- plans ---- */

/** One uploaded version of a plan's document (its bytes are downloaded from `planDocumentHref`). */
export type PlanDocument = Static<typeof PlanDocumentBody>
export type PlanRecord = Static<typeof PlanBody>
export type NewPlan = Static<typeof NewPlanBody>
export type ActivatedPlan = Static<typeof ActivatedPlanBody>

export const listPlans = (): Promise<Items<PlanRecord>> => apiClient.get('/api/v1/plans')

export const addPlan = (plan: NewPlan): Promise<Static<typeof IdBody>> =>
  apiClient.post('/api/v1/plans', plan)

/** Replaces a plan's metadata (only the organisation that keeps it). */
export const updatePlan = (id: string, plan: NewPlan): Promise<Static<typeof IdBody>> =>
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

export type CalendarEvent = Static<typeof CalendarEventBody>

export const listCalendarEvents = (): Promise<Items<CalendarEvent>> =>
  apiClient.get('/api/v1/calendar/events')

export const createCalendarFeed = (): Promise<Static<typeof NewCalendarFeedBody>> =>
  apiClient.post('/api/v1/calendar/feeds')

export const revokeCalendarFeed = (id: string): Promise<void> =>
  apiClient.delete(`/api/v1/calendar/feeds/${encodeURIComponent(id)}`)

/* ---- map ---- */

export type FeatureKind = NewMapFeature['kind']
export type { Geometry } from '@liaison/core'
export type MapFeatureRecord = Static<typeof GeoJsonFeatureBody>
export type MapFeatureProperties = MapFeatureRecord['properties']
export type FeatureCollection = Static<typeof FeatureCollectionBody>
/** A feature as drawn: `version` (when it replaces one) is the version edited. */
export type NewMapFeature = Static<typeof NewMapFeatureBody>

const mapPath = (caseId: string): string => `/api/v1/cases/${encodeURIComponent(caseId)}/map`

/**
 * Every feature of a case's map, newest first: the node answers a page at a time, and a map
 * draws them all, so the pages are read one after another (500 features each).
 */
export async function fetchCaseMap(caseId: string): Promise<FeatureCollection> {
  const features: MapFeatureRecord[] = []
  let after: string | undefined
  for (;;) {
    const page: Static<typeof FeatureCollectionPageBody> = await apiClient.get(
      `${mapPath(caseId)}${pageQuery({ limit: '500' }, after)}`,
    )
    features.push(...page.features)
    if (!page.next) return { type: 'FeatureCollection', features }
    after = page.next
  }
}

export const fetchOpenCasesMap = (): Promise<FeatureCollection> => apiClient.get('/api/v1/map/open-cases')

export const addMapFeature = (caseId: string, feature: Omit<NewMapFeature, 'version'>): Promise<unknown> =>
  apiClient.post(mapPath(caseId), feature)

export const removeMapFeature = (caseId: string, featureId: string): Promise<void> =>
  apiClient.delete(`${mapPath(caseId)}/${encodeURIComponent(featureId)}`)

export const updateMapFeature = (
  caseId: string,
  featureId: string,
  feature: NewMapFeature & { readonly version: number },
): Promise<unknown> => apiClient.put(`${mapPath(caseId)}/${encodeURIComponent(featureId)}`, feature)
