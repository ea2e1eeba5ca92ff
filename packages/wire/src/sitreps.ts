import { Type } from 'typebox'
import { Timestamp, Uuid } from './common.ts'
import { pageBody } from './paging.ts'

export const CasualtiesBody = Type.Object(
  {
    dead: Type.Integer({ minimum: 0 }),
    injured: Type.Integer({ minimum: 0 }),
    missing: Type.Integer({ minimum: 0 }),
    evacuated: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)

export const SitrepBody = Type.Object({
  id: Uuid,
  caseId: Uuid,
  number: Type.Integer(),
  version: Type.Integer(),
  state: Type.Enum(['draft', 'approved']),
  periodFrom: Timestamp,
  periodTo: Timestamp,
  conditions: Type.String(),
  actions: Type.String(),
  needs: Type.String(),
  casualties: CasualtiesBody,
  resources: Type.String(),
  nextUpdateAt: Type.Union([Timestamp, Type.Null()]),
  draftedBy: Uuid,
  approvedBy: Type.Union([Uuid, Type.Null()]),
  approvedAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

/** An edit of a draft: the version edited (a stale one is refused) and what changes. */
export const SitrepChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    conditions: Type.Optional(Type.String({ maxLength: 20_000 })),
    actions: Type.Optional(Type.String({ maxLength: 20_000 })),
    needs: Type.Optional(Type.String({ maxLength: 20_000 })),
    resources: Type.Optional(Type.String({ maxLength: 20_000 })),
    casualties: Type.Optional(CasualtiesBody),
    nextUpdateAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
  },
  { additionalProperties: false },
)

export const SitrepApprovalBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

/** An earlier version of a report, as it was before an edit replaced it (`content` as the node stored it). */
export const SitrepVersionBody = Type.Object({
  version: Type.Integer(),
  content: Type.Unknown(),
  replacedAt: Timestamp,
  /** The user who saved the edit that replaced this version. */
  replacedBy: Uuid,
  /** The replacer's name (empty when the account is gone; missing from older nodes). */
  replacedByName: Type.Optional(Type.String()),
})

export const SitrepPage = pageBody(SitrepBody)
