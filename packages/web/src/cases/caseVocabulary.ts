import type {
  BePlanLevel,
  CaseKind,
  Casualties,
  CaseState,
  CaseStatus,
  Discipline,
  Doctrine,
  LogSource,
  Severity,
  TaskPriority,
  TaskState,
} from '@liaison/core'

/*
 * The words of cases, as lists for the selects. They mirror `@liaison/core` (the browser imports
 * only its types); each list fails to compile when core gains a value that is missing here.
 */

type Complete<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [
  never,
]
  ? true
  : never

export const caseKinds = ['incident', 'planned-event'] as const satisfies readonly CaseKind[]
export const caseStatuses = ['actual', 'exercise', 'test'] as const satisfies readonly CaseStatus[]
export const caseStates = ['open', 'monitoring', 'closed'] as const satisfies readonly CaseState[]
export const severities = ['minor', 'moderate', 'major', 'critical'] as const satisfies readonly Severity[]
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
] as const satisfies readonly Discipline[]
export const logSources = [
  'phone',
  'radio',
  'e-mail',
  'partner',
  'field',
  'media',
  'system',
  'other',
] as const satisfies readonly LogSource[]
/** The counts of a situation report, in the order it shows them. */
export const casualtyKinds = [
  'dead',
  'injured',
  'missing',
  'evacuated',
] as const satisfies readonly (keyof Casualties)[]
export const doctrines = ['BE', 'NL', 'LU'] as const satisfies readonly Doctrine[]
export const scalingLevels = {
  BE: ['routine', 'communal', 'provincial', 'federal'],
  NL: ['GRIP 0', 'GRIP 1', 'GRIP 2', 'GRIP 3', 'GRIP 4', 'GRIP 5'],
  LU: ['0', '1', '2'],
} as const satisfies Record<Doctrine, readonly string[]>
export const bePlanLevels = ['stand-by', 'pre-alert', 'alert'] as const satisfies readonly BePlanLevel[]
export const taskStates = ['open', 'in-progress', 'done', 'cancelled'] as const satisfies readonly TaskState[]
export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TaskPriority[]

/** Each is `true`, or the build fails: the lists above are complete. */
export const vocabularyComplete: readonly true[] = [
  true satisfies Complete<CaseKind, typeof caseKinds>,
  true satisfies Complete<CaseStatus, typeof caseStatuses>,
  true satisfies Complete<CaseState, typeof caseStates>,
  true satisfies Complete<Severity, typeof severities>,
  true satisfies Complete<Discipline, typeof disciplines>,
  true satisfies Complete<LogSource, typeof logSources>,
  true satisfies Complete<Doctrine, typeof doctrines>,
  true satisfies Complete<BePlanLevel, typeof bePlanLevels>,
  true satisfies Complete<TaskState, typeof taskStates>,
  true satisfies Complete<TaskPriority, typeof taskPriorities>,
]
