import type { MapFeature } from '@liaison/core'
import { LiaisonError, canSeeCase, featureKinds, refusalError, isContactStale } from '@liaison/core'
import { Type } from 'typebox'
import { contactKinds, removeMapFeature, saveContact, saveMapFeature } from '../../actions/directory.ts'
import { findCase, listVisibleCases } from '../../store/cases/caseRows.ts'
import { pageContacts, pageMapFeatures } from '../../directory/directoryRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { GeoPointBody } from '../caseSchemas.ts'
import { defaultPageLimit, pageFrom, pageQuery, startOf } from '../paging.ts'
import { errorResponses } from '../schemas.ts'

const Uuid = Type.String({ format: 'uuid' })
const FeatureInput = Type.Object(
  {
    kind: Type.Enum(featureKinds),
    label: Type.String({ minLength: 1, maxLength: 200 }),
    geometry: Type.Unknown(),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
const FeatureBody = Type.Object({
  id: Uuid,
  caseId: Uuid,
  orgId: Uuid,
  kind: Type.Enum(featureKinds),
  label: Type.String(),
  geometry: Type.Unknown(),
  version: Type.Integer(),
  createdBy: Uuid,
  updatedAt: Type.String({ format: 'date-time' }),
})
const presentFeature = (f: MapFeature) => ({ ...f, updatedAt: f.updatedAt.toISOString() })
const ContactInput = Type.Object(
  {
    kind: Type.Enum(contactKinds),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    role: Type.Optional(Type.String({ maxLength: 200 })),
    organisationName: Type.Optional(Type.String({ maxLength: 200 })),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    phones: Type.Optional(
      Type.Array(
        Type.Object(
          { label: Type.String({ maxLength: 60 }), number: Type.String({ maxLength: 30 }) },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    emails: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    location: Type.Optional(Type.Union([GeoPointBody, Type.Null()])),
    available247: Type.Optional(Type.Boolean()),
    revalidateBy: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
)
function contactInput(b: {
  kind: (typeof contactKinds)[number]
  name: string
  role?: string
  organisationName?: string
  region?: string
  phones?: { label: string; number: string }[]
  emails?: string[]
  address?: string
  location?: { lon: number; lat: number } | null
  available247?: boolean
  revalidateBy: string
}) {
  return {
    role: '',
    organisationName: '',
    region: '',
    phones: [],
    emails: [],
    address: '',
    location: null,
    available247: false,
    ...b,
  }
}

/** The map, the contact directory (plans and their documents, /api/v1/plan-documents, are in planRoutes.ts). */
export function directoryRoutes(app: App, deps: AppDeps): void {
  const caseFor = async (orgId: string, id: string) => {
    const c = await findCase(deps.store.db, id)
    if (!c) throw new LiaisonError('not_found', `no case ${id}`)
    if (!canSeeCase(c, orgId))
      throw refusalError('not_participant', 'your organisation does not take part in this case')
    return c
  }
  const featureCollection = (
    rows: {
      id: string
      case_id: string
      org_id: string
      kind: string
      label: string
      geometry: unknown
      version: number
    }[],
  ) => ({
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: r.geometry,
      properties: { caseId: r.case_id, orgId: r.org_id, kind: r.kind, label: r.label, version: r.version },
    })),
  })

  app.get(
    '/api/v1/cases/:id/map',
    {
      schema: {
        tags: ['map'],
        summary:
          "A case's map features as a GeoJSON FeatureCollection, newest first, a page at a time (next: the after of the next page, null on the last)",
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object(pageQuery, { additionalProperties: false }),
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('map', req.query.after)
      await caseFor(req.principal!.orgId, req.params.id)
      const rows = await pageMapFeatures(deps.store.db, req.params.id, { after, limit })
      const page = pageFrom('map', rows, limit, (r) => ({ key: r.id, id: r.id }))
      return { ...featureCollection(page.items), next: page.next }
    },
  )

  app.get(
    '/api/v1/map/open-cases',
    {
      schema: {
        tags: ['map'],
        summary: 'The duty desk map: every open case the organisation sees (its point) and their features',
      },
    },
    async (req) => {
      const cases = await listVisibleCases(deps.store.db, req.principal!.orgId, {
        notClosed: true,
        limit: null,
      })
      const ids = cases.map((c) => c.id)
      const rows =
        ids.length === 0
          ? []
          : await deps.store.db
              .selectFrom('map_features')
              .selectAll()
              .where('case_id', 'in', ids)
              .where('removed_at', 'is', null)
              .execute()
      const points = cases
        .filter((c) => c.location)
        .map((c) => ({
          type: 'Feature' as const,
          id: c.id,
          geometry: { type: 'Point', coordinates: [c.location!.lon, c.location!.lat] },
          properties: { caseId: c.id, kind: 'case', label: c.title, status: c.status, severity: c.severity },
        }))
      const features = featureCollection(rows)
      return { type: 'FeatureCollection' as const, features: [...points, ...features.features] }
    },
  )

  app.post(
    '/api/v1/cases/:id/map',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['map'],
        summary: 'Draw a feature (incident point, perimeter, command post, assembly point, roadblock…)',
        params: Type.Object({ id: Uuid }),
        body: FeatureInput,
        response: { 201: FeatureBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        presentFeature(
          await saveMapFeature(deps, {
            caller: req.principal!,
            caseId: req.params.id,
            ...req.body,
            source: req.ip,
          }),
        ),
      ),
  )

  app.put(
    '/api/v1/cases/:id/map/:featureId',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['map'],
        summary: 'Change a feature your organisation drew (send the version you read)',
        params: Type.Object({ id: Uuid, featureId: Uuid }),
        body: FeatureInput,
        response: { 200: FeatureBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentFeature(
        await saveMapFeature(deps, {
          caller: req.principal!,
          caseId: req.params.id,
          featureId: req.params.featureId,
          ...req.body,
          source: req.ip,
        }),
      ),
  )

  app.delete(
    '/api/v1/cases/:id/map/:featureId',
    {
      config: { auth: 'cases.write' },
      schema: {
        tags: ['map'],
        summary: 'Remove a feature your organisation drew',
        params: Type.Object({ id: Uuid, featureId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeMapFeature(deps, {
        caller: req.principal!,
        featureId: req.params.featureId,
        caseId: req.params.id,
        source: req.ip,
      })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary:
          'The contact directory of the node, by name, a page at a time: search by name, role, organisation or region (accent-blind); stale records are flagged',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            kind: Type.Optional(Type.Enum(contactKinds)),
            ...pageQuery,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const { q, kind, limit = defaultPageLimit } = req.query
      const after = startOf('contacts', req.query.after)
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(deps.clock.now())
      const page = pageFrom(
        'contacts',
        await pageContacts(deps.store.db, { query: q, kind }, { after, limit }),
        limit,
        (r) => ({ key: r.name, id: r.id }),
      )
      const rows = page.items
      return {
        items: rows.map((r) => ({
          id: r.id,
          ownerOrgId: r.owner_org_id,
          kind: r.kind,
          name: r.name,
          role: r.role,
          organisationName: r.organisation_name,
          region: r.region,
          phones: r.phones,
          emails: r.emails,
          address: r.address,
          location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
          available247: r.available_24_7,
          revalidateBy: r.revalidate_by,
          stale: isContactStale(r.revalidate_by, today),
          updatedAt: r.updated_at.toISOString(),
        })),
        next: page.next,
      }
    },
  )

  app.post(
    '/api/v1/contacts',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['contacts'],
        summary: 'Add a directory record kept by your organisation',
        body: ContactInput,
        response: { 201: Type.Object({ id: Uuid }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({
        id: await saveContact(deps, {
          caller: req.principal!,
          contact: contactInput(req.body),
          source: req.ip,
        }),
      }),
  )

  app.put(
    '/api/v1/contacts/:id',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['contacts'],
        summary: 'Update (and so revalidate) a record your organisation keeps',
        params: Type.Object({ id: Uuid }),
        body: ContactInput,
        response: { 200: Type.Object({ id: Uuid }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      id: await saveContact(deps, {
        caller: req.principal!,
        contactId: req.params.id,
        contact: contactInput(req.body),
        source: req.ip,
      }),
    }),
  )
}
