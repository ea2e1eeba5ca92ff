import {
  alertChannels,
  alertLanguages,
  alertStates,
  capCategories,
  capCertainties,
  capMsgTypes,
  capResponseTypes,
  capScopes,
  capSeverities,
  capStatuses,
  capUrgencies,
  issuableStatuses,
  issueExceptions,
} from '@liaison/core'
import { Type } from 'typebox'
import { Timestamp, Uuid } from './common.ts'
import { pageQuery } from './paging.ts'

/**
 * Public warnings (issue 10, decision 029): a CAP 1.2 message as JSON, field names as the
 * standard spells them, and the alert around it. The shape is checked here; the CAP rules
 * (section 3) and the XSD when the alert is submitted and issued.
 */
const text = (maxLength: number) => Type.String({ maxLength })
const NamedValue = Type.Object({ valueName: text(200), value: text(2_000) }, { additionalProperties: false })

export const CapResourceBody = Type.Object(
  {
    resourceDesc: text(500),
    mimeType: text(200),
    size: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
    uri: Type.Optional(text(2_000)),
    derefUri: Type.Optional(text(1_500_000)),
    digest: Type.Optional(text(200)),
  },
  { additionalProperties: false },
)

export const CapAreaBody = Type.Object(
  {
    areaDesc: text(500),
    polygon: Type.Array(text(400_000), { maxItems: 100 }),
    circle: Type.Array(text(100), { maxItems: 100 }),
    geocode: Type.Array(NamedValue, { maxItems: 500 }),
    altitude: Type.Optional(Type.Number({ minimum: -100_000, maximum: 1_000_000 })),
    ceiling: Type.Optional(Type.Number({ minimum: -100_000, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
)

export const CapInfoBody = Type.Object(
  {
    language: Type.Optional(text(35)),
    category: Type.Array(Type.Enum([...capCategories]), { minItems: 1, maxItems: 12 }),
    event: text(500),
    responseType: Type.Array(Type.Enum([...capResponseTypes]), { maxItems: 9 }),
    urgency: Type.Enum([...capUrgencies]),
    severity: Type.Enum([...capSeverities]),
    certainty: Type.Enum([...capCertainties]),
    audience: Type.Optional(text(500)),
    eventCode: Type.Array(NamedValue, { maxItems: 50 }),
    effective: Type.Optional(text(40)),
    onset: Type.Optional(text(40)),
    expires: Type.Optional(text(40)),
    senderName: Type.Optional(text(500)),
    headline: Type.Optional(text(500)),
    description: Type.Optional(text(20_000)),
    instruction: Type.Optional(text(20_000)),
    web: Type.Optional(text(2_000)),
    contact: Type.Optional(text(500)),
    parameter: Type.Array(NamedValue, { maxItems: 100 }),
    resource: Type.Array(CapResourceBody, { maxItems: 20 }),
    area: Type.Array(CapAreaBody, { maxItems: 100 }),
  },
  { additionalProperties: false },
)

/** A whole CAP 1.2 message, as the node answers it. */
export const CapAlertBody = Type.Object({
  identifier: Type.String(),
  sender: Type.String(),
  sent: Type.String(),
  status: Type.Enum([...capStatuses]),
  msgType: Type.Enum([...capMsgTypes]),
  source: Type.Optional(Type.String()),
  scope: Type.Enum([...capScopes]),
  restriction: Type.Optional(Type.String()),
  addresses: Type.Optional(Type.String()),
  code: Type.Array(Type.String()),
  note: Type.Optional(Type.String()),
  references: Type.Optional(Type.String()),
  incidents: Type.Optional(Type.String()),
  info: Type.Array(CapInfoBody),
})

/** The template an alert is made from: its id, the version used and a value for each placeholder. */
export const AlertTemplateUseBody = Type.Object(
  {
    templateId: Uuid,
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    values: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), text(200), {
      maxProperties: 50,
    }),
  },
  { additionalProperties: false },
)

/**
 * What an author writes: the message but for what the node sets (identifier, sent, msgType,
 * references). The status has no default: Actual, Exercise or Test is chosen every time.
 */
export const AlertContentBody = Type.Object(
  {
    status: Type.Enum([...issuableStatuses], {
      description: 'chosen explicitly: Actual, Exercise or Test (there is no default)',
    }),
    sender: text(200),
    scope: Type.Enum([...capScopes]),
    source: Type.Optional(text(500)),
    restriction: Type.Optional(text(500)),
    addresses: Type.Optional(text(5_000)),
    code: Type.Optional(Type.Array(text(200), { maxItems: 20 })),
    note: Type.Optional(text(5_000)),
    incidents: Type.Optional(text(2_000)),
    info: Type.Array(CapInfoBody, { minItems: 1, maxItems: 10 }),
    channels: Type.Array(Type.Enum([...alertChannels]), {
      maxItems: alertChannels.length,
      uniqueItems: true,
    }),
    template: Type.Optional(AlertTemplateUseBody),
    languageOverride: Type.Optional(
      Type.Object(
        {
          languages: Type.Array(Type.Enum([...alertLanguages]), {
            minItems: 1,
            maxItems: alertLanguages.length,
            uniqueItems: true,
          }),
          reason: Type.String({ minLength: 1, maxLength: 2_000 }),
        },
        {
          additionalProperties: false,
          description: 'sending without languages the area expects: which, and why (shown to the approver)',
        },
      ),
    ),
  },
  { additionalProperties: false },
)

/** An edit: the version edited (a stale one is refused) and the whole new content. */
export const AlertEditBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    content: AlertContentBody,
  },
  { additionalProperties: false },
)

/** A step taken on the version read: submit, return (with its reason), approve (now or at a time). */
export const AlertVersionBody = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
)

export const AlertReturnBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    reason: Type.String({ minLength: 1, maxLength: 2_000 }),
  },
  { additionalProperties: false },
)

export const AlertApproveBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    issueAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
)

export const AlertIssueAloneBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    exception: Type.Enum([...issueExceptions], {
      description: 'the named exception claimed: a Cancel, a narrowing correction or a pre-approved template',
    }),
  },
  { additionalProperties: false },
)

export const AlertCorrectionBody = Type.Object(
  { kind: Type.Enum(['Update', 'Cancel']) },
  { additionalProperties: false },
)

export const AlertBody = Type.Object({
  id: Uuid,
  orgId: Uuid,
  state: Type.Enum([...alertStates]),
  version: Type.Integer(),
  cap: CapAlertBody,
  channels: Type.Array(Type.Enum([...alertChannels])),
  authorId: Uuid,
  editorIds: Type.Array(Uuid),
  submittedBy: Type.Union([Uuid, Type.Null()]),
  submittedAt: Type.Union([Timestamp, Type.Null()]),
  submittedVersion: Type.Union([Type.Integer(), Type.Null()]),
  approvedBy: Type.Union([Uuid, Type.Null()]),
  approvedAt: Type.Union([Timestamp, Type.Null()]),
  issuedAlone: Type.Union([Type.Enum([...issueExceptions]), Type.Null()]),
  /** The exception the current content qualifies for, if any: one approver may then issue it alone. */
  exception: Type.Union([Type.Enum([...issueExceptions]), Type.Null()]),
  issueAt: Type.Union([Timestamp, Type.Null()]),
  issuedAt: Type.Union([Timestamp, Type.Null()]),
  returnedReason: Type.Union([Type.String(), Type.Null()]),
  replacesId: Type.Union([Uuid, Type.Null()]),
  /** The template it was made from, if any. */
  template: Type.Union([AlertTemplateUseBody, Type.Null()]),
  /** The language warnings its author overrode, and why. */
  languageOverride: Type.Union([
    Type.Object({ languages: Type.Array(Type.String()), reason: Type.String() }),
    Type.Null(),
  ]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

export const AlertSavedVersionBody = Type.Object({
  version: Type.Integer(),
  cap: CapAlertBody,
  channels: Type.Array(Type.Enum([...alertChannels])),
  savedAt: Timestamp,
  savedBy: Uuid,
  savedByName: Type.String(),
  /** The CAP paths this version changed from the one before it (none for the first): the approver's diff. */
  changed: Type.Array(Type.String()),
})

export const AlertHistoryEntryBody = Type.Object({
  at: Timestamp,
  actor: Type.String(),
  action: Type.String(),
  outcome: Type.Enum(['ok', 'refused', 'failed']),
  details: Type.Unknown(),
})

/** One alert with every saved version (oldest first) and its history (each step, audited). */
export const AlertDetailBody = Type.Object({
  alert: AlertBody,
  versions: Type.Array(AlertSavedVersionBody),
  history: Type.Array(AlertHistoryEntryBody),
  /** The Updates and Cancels that replace it. */
  replacedBy: Type.Array(Uuid),
  /** The CAP XML as issued; null until then. */
  issuedXml: Type.Union([Type.String(), Type.Null()]),
})

export const AlertListQuery = Type.Object(
  { ...pageQuery, state: Type.Optional(Type.Enum([...alertStates])) },
  { additionalProperties: false },
)
