import type { Geometry } from '@liaison/core'
import { Type } from 'typebox'
import { caseStatuses, contactKinds, featureKinds, severities } from '@liaison/core'
import { GeoPointBody } from './cases.ts'
import { Timestamp, Uuid } from './common.ts'
import { PageNext, pageBody, pageQuery } from './paging.ts'

/* ---- map ---- */

/** A GeoJSON geometry: the node checks it with core's `parseGeometry`, so its schema is open. */
export const GeometryBody = Type.Unsafe<Geometry>(Type.Unknown())

export const NewMapFeatureBody = Type.Object(
  {
    kind: Type.Enum(featureKinds),
    label: Type.String({ minLength: 1, maxLength: 200 }),
    geometry: GeometryBody,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

export const MapFeatureBody = Type.Object({
  id: Uuid,
  caseId: Uuid,
  orgId: Uuid,
  kind: Type.Enum(featureKinds),
  label: Type.String(),
  geometry: GeometryBody,
  version: Type.Integer(),
  createdBy: Uuid,
  updatedAt: Type.String({ format: 'date-time' }),
})

export const MapFeatureParams = Type.Object({ id: Uuid, featureId: Uuid })

/** A feature as GeoJSON; on the duty desk map, an open case's own point is a feature of kind `case`. */
export const GeoJsonFeatureBody = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: GeometryBody,
  properties: Type.Object({
    caseId: Uuid,
    orgId: Type.Optional(Uuid),
    kind: Type.Union([Type.Enum(featureKinds), Type.Literal('case')]),
    label: Type.String(),
    version: Type.Optional(Type.Integer()),
    status: Type.Optional(Type.Enum(caseStatuses)),
    severity: Type.Optional(Type.Enum(severities)),
  }),
})

export const FeatureCollectionBody = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(GeoJsonFeatureBody),
})

/** A page of a case's map: a FeatureCollection with the `next` of its page. */
export const FeatureCollectionPageBody = Type.Object({
  ...FeatureCollectionBody.properties,
  next: PageNext,
})

/* ---- contacts ---- */

const PhoneBody = Type.Object(
  { label: Type.String({ maxLength: 60 }), number: Type.String({ maxLength: 30 }) },
  { additionalProperties: false },
)

/** A directory record as written: the whole record (a replace revalidates it). */
export const NewContactBody = Type.Object(
  {
    kind: Type.Enum(contactKinds),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    role: Type.Optional(Type.String({ maxLength: 200 })),
    organisationName: Type.Optional(Type.String({ maxLength: 200 })),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    phones: Type.Optional(Type.Array(PhoneBody, { maxItems: 10 })),
    emails: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    location: Type.Optional(Type.Union([GeoPointBody, Type.Null()])),
    available247: Type.Optional(Type.Boolean()),
    revalidateBy: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
)

export const ContactBody = Type.Object({
  id: Uuid,
  ownerOrgId: Uuid,
  kind: Type.Enum(contactKinds),
  name: Type.String(),
  role: Type.String(),
  organisationName: Type.String(),
  region: Type.String(),
  phones: Type.Array(Type.Object({ label: Type.String(), number: Type.String() })),
  emails: Type.Array(Type.String()),
  address: Type.String(),
  location: Type.Union([GeoPointBody, Type.Null()]),
  available247: Type.Boolean(),
  revalidateBy: Type.String({ format: 'date' }),
  /** Past its revalidation date (in Brussels). */
  stale: Type.Boolean(),
  updatedAt: Timestamp,
})

export const ContactQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(Type.Enum(contactKinds)),
    ...pageQuery,
  },
  { additionalProperties: false },
)

/* ---- plans ---- */

export const NewPlanBody = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 200 }),
    scope: Type.Optional(Type.String({ maxLength: 500 })),
    area: Type.Optional(Type.String({ maxLength: 200 })),
    version: Type.Optional(Type.String({ maxLength: 40 })),
    validUntil: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    document: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

/** One uploaded version of a plan's document (its bytes are downloaded from /api/v1/plan-documents/{id}). */
export const PlanDocumentBody = Type.Object({
  id: Uuid,
  planId: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String({ format: 'date-time' }),
  uploadedBy: Uuid,
  uploadedByName: Type.String(),
})

export const PlanBody = Type.Object({
  id: Uuid,
  ownerOrgId: Uuid,
  title: Type.String(),
  scope: Type.String(),
  area: Type.String(),
  version: Type.String(),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  /** A text reference to where the document is kept (an address, a reference), if any. */
  document: Type.String(),
  /** The newest uploaded version of the plan's document. */
  currentDocument: Type.Union([PlanDocumentBody, Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
})

/** A plan a case activated. */
export const ActivatedPlanBody = Type.Object({
  id: Uuid,
  title: Type.String(),
  version: Type.String(),
  activatedAt: Type.String({ format: 'date-time' }),
  currentDocument: Type.Union([PlanDocumentBody, Type.Null()]),
})

export const PlanActivationBody = Type.Object({ planId: Uuid }, { additionalProperties: false })

/** A page of the contact directory, by name. */
export const ContactPage = pageBody(ContactBody)
