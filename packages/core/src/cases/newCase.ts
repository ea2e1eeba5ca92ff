import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { Case, CaseKind, CaseStatus, Discipline, GeoPoint, Severity } from './Case.ts'
import { caseKinds, caseStatuses, disciplines, severities } from './Case.ts'
import type { Scaling } from './scaling.ts'
import { isScaling } from './scaling.ts'

export interface NewCaseInput {
  readonly kind: CaseKind
  readonly status: CaseStatus
  readonly type: string
  readonly title: string
  readonly description: string
  readonly location: GeoPoint | null
  readonly startsAt: Date
  readonly endsAt: Date | null
  readonly severity: Severity
  readonly disciplines: readonly string[]
  readonly scaling: Scaling | null
  readonly participants: readonly string[]
  readonly fromLogEntry?: string | null | undefined
}

export function caseProblems(input: NewCaseInput): string[] {
  const p: string[] = []
  if (!caseKinds.includes(input.kind)) p.push(`kind: must be one of ${caseKinds.join(', ')}`)
  if (!caseStatuses.includes(input.status)) p.push(`status: must be one of ${caseStatuses.join(', ')}`)
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(input.type))
    p.push(`type: '${input.type}' must be 2-40 lower-case letters, digits or hyphens`)
  const title = input.title.trim()
  if (title.length < 3 || title.length > 200) p.push('title: must be 3 to 200 characters')
  if (input.description.length > 20_000) p.push('description: at most 20,000 characters')
  if (input.location && !(Math.abs(input.location.lat) <= 90 && Math.abs(input.location.lon) <= 180)) {
    p.push('location: latitude must be within ±90 and longitude within ±180')
  }
  if (Number.isNaN(input.startsAt.getTime())) p.push('startsAt: not a valid time')
  if (input.endsAt && input.endsAt < input.startsAt) p.push('endsAt: must not be before startsAt')
  if (!severities.includes(input.severity)) p.push(`severity: must be one of ${severities.join(', ')}`)
  for (const d of input.disciplines)
    if (!(disciplines as readonly string[]).includes(d)) p.push(`disciplines: '${d}' is not a discipline`)
  if (input.scaling && !isScaling(input.scaling))
    p.push(`scaling: '${input.scaling.level}' is not a level of the ${input.scaling.doctrine} doctrine`)
  return p
}

export function newCase(
  input: NewCaseInput,
  context: {
    readonly id: string
    readonly ownerOrgId: string
    readonly createdBy: string
    readonly at: Date
  },
): Result<Case, { readonly problems: readonly string[] }> {
  const problems = caseProblems(input)
  if (problems.length > 0) return err({ problems })
  return ok({
    id: context.id,
    ownerOrgId: context.ownerOrgId,
    kind: input.kind,
    status: input.status,
    type: input.type,
    title: input.title.trim(),
    description: input.description,
    location: input.location,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    severity: input.severity,
    state: 'open',
    disciplines: [...new Set(input.disciplines)] as Discipline[],
    scaling: input.scaling,
    participants: [...new Set(input.participants)].filter((o) => o !== context.ownerOrgId),
    createdAt: context.at,
    createdBy: context.createdBy,
    updatedAt: context.at,
    fromLogEntry: input.fromLogEntry ?? null,
  })
}
