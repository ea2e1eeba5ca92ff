import type { AreaLevel, ShippedArea } from '@liaison/core'
import { beneluxCountries, beneluxProvinces, checkArea, flatToPositions, LiaisonError } from '@liaison/core'
import type { AreaSummaryBody } from '@liaison/wire'
import {
  AreaBody,
  AreaCheckAnswer,
  AreaCheckBody,
  AreaPage,
  AreaParams,
  AreaQuery,
  defaultPageLimit,
  errorResponses,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { findArea, findAreasByCode, pageAreas } from '../../store/areas/areaRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

type Summary = Static<typeof AreaSummaryBody>

/** Luxembourg's former districts ship beside the provinces and stand at their level. */
const shippedLevel = (a: ShippedArea): AreaLevel => (a.level === 'country' ? 'country' : 'province')

let shipped: readonly { summary: Summary; area: ShippedArea; folded: string }[] | undefined

/** The shipped Benelux countries and provinces as the list shows them, by code (bytewise). */
function shippedAreas() {
  shipped ??= [...beneluxCountries(), ...beneluxProvinces()]
    .map((area) => {
      const summary: Summary = {
        id: area.code,
        level: shippedLevel(area),
        code: area.code,
        name: area.name.en,
        names: { ...area.name },
        country: area.country,
        bbox: [...area.bbox],
        vertices: area.polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length / 2, 0), 0),
        shipped: true,
        sourceFile: null,
        importedAt: null,
      }
      const folded = fold([area.code, ...Object.values(area.name)].join(' '))
      return { summary, area, folded }
    })
    .sort((a, b) => compare(a.summary, b.summary))
  return shipped
}

/** Case- and accent-blind, as liaison_fold in the store. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The list's order: by code, then id, bytewise (the store orders with collate "C"). */
function compare(a: { code: string; id: string }, b: { code: string; id: string }): number {
  if (a.code !== b.code) return a.code < b.code ? -1 : 1
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1
}

/** Alert areas: the shipped Benelux countries and provinces, the imported ones, and the live check. */
export function areaRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/areas',
    {
      schema: {
        tags: ['areas'],
        summary:
          'Alert areas without their outlines, shipped and imported, by code, a page at a time (level narrows; q finds a code or part of a name; next: the after of the next page, null on the last)',
        querystring: AreaQuery,
        response: { 200: AreaPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit, level, q } = req.query
      const after = startOf('areas', req.query.after)
      const position = after === undefined ? undefined : { code: after.key, id: after.id }
      const query = q?.trim() ? fold(q.trim()) : undefined
      const fromShipped = shippedAreas()
        .filter((s) => level === undefined || s.summary.level === level)
        .filter((s) => query === undefined || s.folded.includes(query))
        .filter((s) => position === undefined || compare(s.summary, position) > 0)
        .slice(0, limit + 1)
        .map((s) => s.summary)
      const rows = await pageAreas(deps.store.db, { level, query: q }, { after, limit })
      const fromStore: Summary[] = rows.map((r) => ({
        id: r.id,
        level: r.level,
        code: r.code,
        name: r.name,
        names: r.names,
        country: r.country,
        bbox: [r.west, r.south, r.east, r.north],
        vertices: r.vertices,
        shipped: false,
        sourceFile: r.source_file,
        importedAt: r.imported_at.toISOString(),
      }))
      const merged = [...fromShipped, ...fromStore].sort(compare)
      const page = pageFrom('areas', merged, limit, (s) => ({ key: s.code, id: s.id }))
      return { items: page.items, next: page.next }
    },
  )

  app.get(
    '/api/v1/areas/:id',
    {
      schema: {
        tags: ['areas'],
        summary: 'An alert area with its outline, a GeoJSON MultiPolygon in WGS 84',
        params: AreaParams,
        response: { 200: AreaBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { id } = req.params
      const found = shippedAreas().find((s) => s.summary.id === id)
      if (found) {
        const coordinates = found.area.polygons.map(flatToPositions)
        return { ...found.summary, geometry: { type: 'MultiPolygon' as const, coordinates } }
      }
      const row = /^[0-9a-f-]{36}$/.test(id) ? await findArea(deps.store.db, id) : undefined
      if (row === undefined) throw new LiaisonError('not_found', `no area ${id}`)
      return {
        id: row.id,
        level: row.level,
        code: row.code,
        name: row.name,
        names: row.names,
        country: row.country,
        bbox: [row.west, row.south, row.east, row.north],
        vertices: row.vertices,
        shipped: false,
        sourceFile: row.source_file,
        importedAt: row.imported_at.toISOString(),
        geometry: row.geometry,
      }
    },
  )

  app.post(
    '/api/v1/areas/check',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['areas'],
        summary:
          "The composer's live check of a drawn area (polygons, circles, the codes of shipped and imported areas): each polygon closed, four points, not crossing itself; the countries it touches, the borders it crosses, the nearest border under 5 km",
        body: AreaCheckBody,
        response: { 200: AreaCheckAnswer, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const codes = req.body.codes ?? []
      const imported = (await findAreasByCode(deps.store.db, codes)).map((r) => ({
        code: r.code,
        coordinates: r.geometry.coordinates,
      }))
      const checked = checkArea(req.body, { imported })
      return {
        ...checked,
        problems: checked.problems.map((p) => ('at' in p ? { ...p, at: [...p.at] } : { ...p })),
        countries: [...checked.countries],
        crosses: [...checked.crosses],
        nearest:
          checked.nearest === null ? null : { ...checked.nearest, between: [...checked.nearest.between] },
      }
    },
  )
}
