import { Type } from 'typebox'
import { AlertContentBody } from './alerts.ts'
import { Timestamp, Uuid } from './common.ts'
import { pageQuery } from './paging.ts'

/**
 * Templates for recurring alerts (issue 10, decision 038): an alert's content with
 * `{{placeholders}}` in its texts, pre-approved (or not) by an approver other than its last editor.
 */
const { template: _template, ...templateContent } = AlertContentBody.properties
export const AlertTemplateContentBody = Type.Object(templateContent, { additionalProperties: false })

export const NewAlertTemplateBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), content: AlertTemplateContentBody },
  { additionalProperties: false },
)

export const AlertTemplateChangeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    content: AlertTemplateContentBody,
  },
  { additionalProperties: false },
)

export const AlertTemplateVersionBody = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
)

export const AlertTemplateBody = Type.Object({
  id: Uuid,
  orgId: Uuid,
  name: Type.String(),
  version: Type.Integer(),
  content: AlertTemplateContentBody,
  /** The placeholder names its texts use, in the order they first appear. */
  placeholders: Type.Array(Type.String()),
  /** Pre-approved (at this version) by this approver: one approver may issue it unchanged alone. */
  preApprovedBy: Type.Union([Uuid, Type.Null()]),
  preApprovedAt: Type.Union([Timestamp, Type.Null()]),
  retiredAt: Type.Union([Timestamp, Type.Null()]),
  createdBy: Uuid,
  changedBy: Uuid,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

export const AlertTemplateListQuery = Type.Object(
  {
    ...pageQuery,
    retired: Type.Optional(Type.Boolean({ description: 'include the retired templates' })),
  },
  { additionalProperties: false },
)
