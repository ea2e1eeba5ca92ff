import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl'

/** Where the map opens: the middle of the Benelux. */
export const beneluxView = { center: [5.3, 50.9] as [number, number], zoom: 6.2 }

/**
 * An offline style: no glyphs, no sprites, no tiles from elsewhere. A background, the three
 * countries filled lightly, and the provinces outlined, from the GeoJSON files in public/geo/
 * (Natural Earth, public domain; see public/geo/ATTRIBUTION.md).
 *
 * @param base the page's base URL: the files are fetched by a worker, which resolves relative
 *   URLs against its own script, so they are made absolute here.
 */
export function beneluxMapStyle(base: string): StyleSpecification {
  const file = (name: string): string => new URL(`geo/${name}`, base).href
  return {
    version: 8,
    name: 'Liaison Benelux (offline)',
    sources: {
      countries: { type: 'geojson', data: file('benelux-countries.geojson') },
      provinces: { type: 'geojson', data: file('benelux-provinces.geojson') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dbe4ec' } },
      {
        id: 'country-fill',
        type: 'fill',
        source: 'countries',
        paint: {
          'fill-color': [
            'match',
            ['get', 'code'],
            'BE',
            '#f6f1e3',
            'NL',
            '#eef3e4',
            'LU',
            '#f3ece9',
            '#f5f5f5',
          ],
        },
      },
      {
        id: 'province-outline',
        type: 'line',
        source: 'provinces',
        paint: {
          'line-color': '#6a7a8c',
          'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 10, 1.5],
        },
      },
      {
        id: 'country-outline',
        type: 'line',
        source: 'countries',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#0b3d63',
          'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.2, 10, 3],
        },
      },
    ],
  }
}

/** The GeoJSON source of the features drawn over the map (cases and their features). */
export const featureSourceId = 'liaison-features'

/** A colour for each kind of feature; the list beside the map says the kind in words. */
const kindColour: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  'case',
  '#8a1c1c',
  'incident-point',
  '#b3261e',
  'perimeter',
  '#b3261e',
  'command-post',
  '#0b3d63',
  'assembly-point',
  '#1f6b3a',
  'roadblock',
  '#7a4b00',
  'route',
  '#5a2d82',
  '#333333',
]

/** Each partner centre's colour on the map, beside its name in the list (decision 035). */
export const originColours: Readonly<Record<string, string>> = { be: '#c8102e', nl: '#e36c0a', lu: '#00a3e0' }
const otherOriginColour = '#555555'

/** The origin's colour for what a partner sent, else the kind's colour. */
const featureColour: ExpressionSpecification = [
  'case',
  ['has', 'origin'],
  [
    'match',
    ['get', 'origin'],
    'be',
    originColours['be'] ?? otherOriginColour,
    'nl',
    originColours['nl'] ?? otherOriginColour,
    'lu',
    originColours['lu'] ?? otherOriginColour,
    otherOriginColour,
  ],
  kindColour,
]

export function originColour(origin: string): string {
  return originColours[origin] ?? otherOriginColour
}

export const featureLayers: readonly LayerSpecification[] = [
  {
    id: 'feature-fill',
    type: 'fill',
    source: featureSourceId,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': featureColour, 'fill-opacity': 0.15 },
  },
  {
    id: 'feature-outline',
    type: 'line',
    source: featureSourceId,
    filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'LineString']]],
    paint: { 'line-color': featureColour, 'line-width': 2.5 },
  },
  {
    id: 'feature-point',
    type: 'circle',
    source: featureSourceId,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': featureColour,
      'circle-radius': ['match', ['get', 'kind'], 'case', 9, 6],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
]
