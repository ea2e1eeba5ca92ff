import {
  ContactPage,
  ContactQuery,
  defaultPageLimit,
  errorResponses,
  FeatureCollectionBody,
  FeatureCollectionPageBody,
  IdBody,
  IdParams,
  MapFeatureBody,
  MapFeatureParams,
  NewContactBody,
  NewMapFeatureBody,
  NoContent,
  PageQuery,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { removeMapFeature, saveContact, saveMapFeature } from '../../actions/directory.ts'
import { visibleCase } from '../../actions/readAccess.ts'
import { listVisibleCases } from '../../store/cases/caseRows.ts'
import { mapFeaturesOfCases, pageContacts, pageMapFeatures } from '../../store/directory/directoryRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { featureCollection, presentContact, presentFeature } from '../directoryPresenters.ts'
import { pageFrom, startOf } from '../paging.ts'

function contactInput(b: Static<typeof NewContactBody>) {
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
  app.get(
    '/api/v1/cases/:id/map',
    {
      schema: {
        tags: ['map'],
        summary:
          "A case's map features as a GeoJSON FeatureCollection, newest first, a page at a time (next: the after of the next page, null on the last)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: FeatureCollectionPageBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit } = req.query
      const after = startOf('map', req.query.after)
      await visibleCase(deps.store.db, req.params.id, req.principal!.orgId)
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
        response: { 200: FeatureCollectionBody, ...errorResponses(401) },
      },
    },
    async (req) => {
      const cases = await listVisibleCases(deps.store.db, req.principal!.orgId, {
        notClosed: true,
        limit: null,
      })
      const rows = await mapFeaturesOfCases(
        deps.store.db,
        cases.map((c) => c.id),
      )
      const points = cases
        .filter((c) => c.location)
        .map((c) => ({
          type: 'Feature' as const,
          id: c.id,
          geometry: {
            type: 'Point' as const,
            coordinates: [c.location!.lon, c.location!.lat] as [number, number],
          },
          properties: {
            caseId: c.id,
            kind: 'case' as const,
            label: c.title,
            status: c.status,
            severity: c.severity,
          },
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
        params: IdParams,
        body: NewMapFeatureBody,
        response: { 201: MapFeatureBody, ...errorResponses(400, 401, 403, 404, 409) },
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
        params: MapFeatureParams,
        body: NewMapFeatureBody,
        response: { 200: MapFeatureBody, ...errorResponses(400, 401, 403, 404, 409) },
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
        params: MapFeatureParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
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
        querystring: ContactQuery,
        response: { 200: ContactPage, ...errorResponses(400, 401) },
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
        items: rows.map((r) => presentContact(r, today)),
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
        body: NewContactBody,
        response: { 201: IdBody, ...errorResponses(400, 401, 403) },
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
        params: IdParams,
        body: NewContactBody,
        response: { 200: IdBody, ...errorResponses(400, 401, 403, 404) },
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
