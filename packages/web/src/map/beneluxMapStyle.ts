import type { StyleSpecification } from 'maplibre-gl'

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
