import type { Scaling } from './scaling.ts'

export const caseKinds = ['incident', 'planned-event'] as const
export type CaseKind = (typeof caseKinds)[number]

/** Actual, exercise and test cases never mix: every view marks the status. */
export const caseStatuses = ['actual', 'exercise', 'test'] as const
export type CaseStatus = (typeof caseStatuses)[number]

export const caseStates = ['open', 'monitoring', 'closed'] as const
export type CaseState = (typeof caseStates)[number]

export const severities = ['minor', 'moderate', 'major', 'critical'] as const
export type Severity = (typeof severities)[number]

/** BE D1-D5, NL and LU services (../shared/DOMAIN.md). */
export const disciplines = [
  'be-d1-rescue',
  'be-d2-medical',
  'be-d3-police',
  'be-d4-logistics',
  'be-d5-information',
  'nl-fire',
  'nl-medical-ghor',
  'nl-police',
  'nl-population-care',
  'lu-cgdis-rescue',
  'lu-cgdis-samu',
  'lu-police',
  'lu-health',
  'lu-army',
  'lu-information',
  'multidisciplinary',
] as const
export type Discipline = (typeof disciplines)[number]

export interface GeoPoint {
  readonly lon: number
  readonly lat: number
}

/** An incident or a planned event, owned by one organisation and shared with those taking part. */
export interface Case {
  readonly id: string
  readonly ownerOrgId: string
  readonly kind: CaseKind
  readonly status: CaseStatus
  readonly type: string
  readonly title: string
  readonly description: string
  readonly location: GeoPoint | null
  readonly startsAt: Date
  readonly endsAt: Date | null
  readonly severity: Severity
  readonly state: CaseState
  readonly disciplines: readonly Discipline[]
  readonly scaling: Scaling | null
  /** Organisations taking part, besides the owner. */
  readonly participants: readonly string[]
  readonly createdAt: Date
  readonly createdBy: string
  readonly updatedAt: Date
  /** The daily-log entry the case was opened from, if any. */
  readonly fromLogEntry: string | null
}

export function canSeeCase(c: Pick<Case, 'ownerOrgId' | 'participants'>, orgId: string): boolean {
  return c.ownerOrgId === orgId || c.participants.includes(orgId)
}
