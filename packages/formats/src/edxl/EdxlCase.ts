import type {
  Casualties,
  CaseKind,
  CaseState,
  CaseStatus,
  Discipline,
  GeoPoint,
  Scaling,
  Severity,
} from '@liaison/core'

/**
 * The facts of a case an EDXL-DE distribution carries in its EMSI message (decision 039). Times
 * travel to the second (EMSI's dates have no fraction and an offset).
 */
export interface EdxlCaseFacts {
  readonly id: string
  readonly kind: CaseKind
  readonly status: CaseStatus
  readonly state: CaseState
  readonly type: string
  readonly title: string
  readonly description: string
  readonly severity: Severity
  readonly disciplines: readonly Discipline[]
  readonly scaling: Scaling | null
  /** When it was opened (EMSI `decl_datetime`). */
  readonly openedAt: Date
  /** When it happened or starts (EMSI `occ_datetime`). */
  readonly startsAt: Date
  readonly endsAt: Date | null
  /** Where it is: a point (EMSI `egeo` of type POINT). */
  readonly location: GeoPoint | null
  /** The area it covers, a closed ring (EMSI `egeo` of type POLYGON), when it has one. */
  readonly area: readonly GeoPoint[] | null
  /** The counts of the latest report, with its time, when there is one. */
  readonly casualties: { readonly at: Date; readonly counts: Casualties } | null
}

/** Who sends: the origin centre. */
export interface EdxlSender {
  /** The EDXL-DE `senderID`: `<organisation code>@<node id>`. */
  readonly id: string
  readonly orgCode: string
  readonly orgName: string
}

/** The envelope's own facts. */
export interface EdxlDistribution {
  readonly id: string
  readonly senderId: string
  readonly sent: Date
  readonly expires: Date
  readonly status: 'Actual' | 'Exercise' | 'System' | 'Test'
  readonly kind: string
}

/** A problem of a document, named by its element path (`edxlDistribution.content.contentObject[0]…`). */
export interface EdxlProblem {
  readonly path: string
  readonly message: string
}
