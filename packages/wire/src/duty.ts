import { Type } from 'typebox'
import { caseStates, caseStatuses, severities, taskStates } from '@liaison/core'
import { Timestamp, Uuid } from './common.ts'
import { notificationKinds } from './notifications.ts'

/* ---- roster ---- */

export const RotationBody = Type.Object(
  {
    timeZone: Type.String({ maxLength: 64 }),
    startDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    shiftStarts: Type.Array(Type.String({ pattern: '^\\d{2}:\\d{2}$' }), { minItems: 1, maxItems: 6 }),
    members: Type.Array(Uuid, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
)

export const RosterBody = Type.Object({
  rotation: Type.Union([RotationBody, Type.Null()]),
  /** Who may be put on a shift: the organisation's active users, named. */
  people: Type.Array(Type.Object({ id: Uuid, displayName: Type.String() })),
})

export const OkBody = Type.Object({ ok: Type.Boolean() })

export const ShiftBody = Type.Object({
  start: Timestamp,
  end: Timestamp,
  hours: Type.Number(),
  userId: Uuid,
  displayName: Type.String(),
  replaces: Type.Union([Uuid, Type.Null()]),
})

export const ShiftsQuery = Type.Object(
  { from: Type.String(), to: Type.String() },
  { additionalProperties: false },
)

export const ShiftOverrideBody = Type.Object(
  { shiftStart: Timestamp, userId: Uuid, reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
)

/* ---- handover ---- */

/**
 * What the incoming officer must know, as the node wrote it when the handover was prepared:
 * `shift` and `unreadItems` are missing from reports made before the node recorded them.
 */
export const HandoverReportBody = Type.Object({
  openCases: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      kind: Type.String(),
      status: Type.Enum(caseStatuses),
      state: Type.Enum(caseStates),
      severity: Type.Enum(severities),
    }),
  ),
  newEntries: Type.Object({
    count: Type.Integer(),
    latest: Type.Array(
      Type.Object({
        id: Uuid,
        caseId: Type.Union([Uuid, Type.Null()]),
        occurredAt: Timestamp,
        text: Type.String(),
      }),
    ),
  }),
  pendingTasks: Type.Array(
    Type.Object({
      id: Uuid,
      caseId: Uuid,
      title: Type.String(),
      state: Type.Enum(taskStates),
      dueAt: Type.Union([Timestamp, Type.Null()]),
      overdue: Type.Boolean(),
    }),
  ),
  upcomingEvents: Type.Array(
    Type.Object({ id: Uuid, title: Type.String(), status: Type.Enum(caseStatuses), startsAt: Timestamp }),
  ),
  decisions: Type.Array(Type.Object({ id: Uuid, caseId: Uuid, text: Type.String(), decidedAt: Timestamp })),
  /** The shift handed over, from the roster: null when the organisation keeps no roster. */
  shift: Type.Optional(
    Type.Union([Type.Object({ start: Timestamp, end: Timestamp, userId: Uuid }), Type.Null()]),
  ),
  /** What concerned the outgoing officer and was never read. */
  unreadItems: Type.Optional(
    Type.Array(
      Type.Object({
        seq: Type.Integer(),
        kind: Type.Enum(notificationKinds),
        caseId: Uuid,
        title: Type.String(),
        at: Timestamp,
      }),
    ),
  ),
})

export const HandoverBody = Type.Object({
  id: Uuid,
  orgId: Uuid,
  periodFrom: Timestamp,
  periodTo: Timestamp,
  outgoingUserId: Uuid,
  outgoingName: Type.Optional(Type.String()),
  signedOffByName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  report: HandoverReportBody,
  notes: Type.String(),
  createdAt: Timestamp,
  signedOffBy: Type.Union([Uuid, Type.Null()]),
  signedOffAt: Type.Union([Timestamp, Type.Null()]),
})

export const NewHandoverBody = Type.Object(
  { notes: Type.Optional(Type.String({ maxLength: 10_000 })) },
  { additionalProperties: false },
)

export const HandoverSignOffBody = Type.Object({ id: Uuid, signedOffBy: Uuid, signedOffAt: Timestamp })

/* ---- calendar ---- */

export const CalendarEventBody = Type.Object({
  id: Uuid,
  title: Type.String(),
  type: Type.String(),
  status: Type.Enum(caseStatuses),
  state: Type.Enum(caseStates),
  startsAt: Timestamp,
  endsAt: Type.Union([Timestamp, Type.Null()]),
})

export const CalendarEventsQuery = Type.Object(
  { from: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
)

export const CalendarFeedBody = Type.Object({
  id: Type.String(),
  createdAt: Timestamp,
  revokedAt: Type.Union([Timestamp, Type.Null()]),
})

/** A calendar address: its secret, as the file name of the iCalendar feed. */
export const CalendarFileParams = Type.Object({
  file: Type.String({ maxLength: 80, pattern: '^cal_[A-Za-z0-9_-]{43}\\.ics$' }),
})

export const NewCalendarFeedBody = Type.Object({ id: Type.String(), url: Type.String() })
