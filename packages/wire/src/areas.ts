import { Type } from 'typebox'
import { areaLevels } from '@liaison/core'
import { Timestamp } from './common.ts'
import { pageBody, pageQuery } from './paging.ts'

/** An area's id: a UUID for an imported area, the code for a shipped country or province (`BE-LG`). */
export const AreaId = Type.String({
  pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z]{2}(-[A-Z]{2})?)$',
  description: 'a UUID (imported) or the code of a shipped country or province (BE, BE-LG)',
})
export const AreaParams = Type.Object({ id: AreaId })

export const AreaQuery = Type.Object(
  {
    level: Type.Optional(Type.Enum(areaLevels)),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'a code or part of a name' })),
    ...pageQuery,
  },
  { additionalProperties: false },
)

const Names = Type.Object({
  nl: Type.Optional(Type.String()),
  fr: Type.Optional(Type.String()),
  de: Type.Optional(Type.String()),
  en: Type.Optional(Type.String()),
  lb: Type.Optional(Type.String()),
})

/** An area without its geometry, as the list shows it. */
export const AreaSummaryBody = Type.Object({
  id: AreaId,
  level: Type.Enum(areaLevels),
  code: Type.String(),
  name: Type.String(),
  names: Names,
  country: Type.Union([Type.String(), Type.Null()]),
  /** [west, south, east, north] in WGS 84 */
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  vertices: Type.Integer(),
  /** Shipped with Liaison (the Benelux countries and provinces), not imported. */
  shipped: Type.Boolean(),
  sourceFile: Type.Union([Type.String(), Type.Null()]),
  importedAt: Type.Union([Timestamp, Type.Null()]),
})

export const AreaPage = pageBody(AreaSummaryBody)

/** An area with its outline: a GeoJSON MultiPolygon in WGS 84. */
export const AreaBody = Type.Object({
  ...AreaSummaryBody.properties,
  geometry: Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number())))),
  }),
})

const Longitude = Type.Number({ minimum: -180, maximum: 180 })
const Latitude = Type.Number({ minimum: -90, maximum: 90 })
const LonLat = Type.Tuple([Longitude, Latitude])

/** A drawn area to check: polygons (GeoJSON rings, [lon, lat]), circles, and codes of shipped or imported areas. */
export const AreaCheckBody = Type.Object(
  {
    polygons: Type.Optional(
      Type.Array(Type.Array(LonLat, { maxItems: 5_000 }), {
        maxItems: 100,
        description: 'rings, each closed',
      }),
    ),
    circles: Type.Optional(
      Type.Array(
        Type.Object(
          { centre: LonLat, radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 500 }) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    codes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        maxItems: 100,
        description: 'codes of shipped areas (BE-LG) or of imported ones (GM0344)',
      }),
    ),
  },
  { additionalProperties: false },
)

/** What the live check says: each problem with its path, the countries and borders, the nearest border. */
export const AreaCheckAnswer = Type.Object({
  problems: Type.Array(
    Type.Object({
      path: Type.String(),
      reason: Type.String({
        description:
          'polygon_not_closed, polygon_too_few_points, polygon_self_intersecting, not_found (a code) or empty',
      }),
      points: Type.Optional(Type.Integer()),
      at: Type.Optional(Type.Array(Type.Number())),
    }),
  ),
  vertices: Type.Integer(),
  countries: Type.Array(Type.String()),
  outsideBenelux: Type.Boolean(),
  crosses: Type.Array(Type.String()),
  nearest: Type.Union([
    Type.Object({ border: Type.String(), between: Type.Array(Type.String()), km: Type.Number() }),
    Type.Null(),
  ]),
})
