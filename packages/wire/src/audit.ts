import { Type } from 'typebox'
import { Timestamp } from './common.ts'
import { pageBody } from './paging.ts'

/** One row of the organisation's audit. */
export const AuditRowBody = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  actor: Type.String(),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Enum(['ok', 'refused', 'failed']),
  code: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  selfGranted: Type.Union([Type.Array(Type.String()), Type.Null()], {
    description: 'the roles the actor granted to themselves in this action, if any',
  }),
})

/** A page of the audit, newest first. */
export const AuditPage = pageBody(AuditRowBody)
