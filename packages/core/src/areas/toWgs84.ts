import proj4 from 'proj4'

/**
 * The coordinate references `liaison import areas` accepts, with their proj4 definitions shipped
 * here (from EPSG, the Helmert parameters the national mapping agencies publish), so nothing is
 * looked up at run time.
 */
export const knownCrs = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  'EPSG:31370':
    '+proj=lcc +lat_0=90 +lon_0=4.36748666666667 +lat_1=51.1666672333333 +lat_2=49.8333339 +x_0=150000.013 +y_0=5400088.438 +ellps=intl +towgs84=-106.8686,52.2978,-103.7239,0.3366,-0.457,1.8422,-1.2747 +units=m +no_defs',
  'EPSG:28992':
    '+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs',
  'EPSG:2169':
    '+proj=tmerc +lat_0=49.8333333333333 +lon_0=6.16666666666667 +k=1 +x_0=80000 +y_0=100000 +ellps=intl +towgs84=-189.6806,18.3463,-42.7695,-0.33746,-3.09264,2.53861,0.4598 +units=m +no_defs',
} as const

export type KnownCrs = keyof typeof knownCrs

export function isKnownCrs(value: string): value is KnownCrs {
  return Object.hasOwn(knownCrs, value)
}

/** A converter from a known reference to WGS 84 [lon, lat], rounded to 1e-6° (about 10 cm). */
export function toWgs84(crs: KnownCrs): (p: readonly [number, number]) => [number, number] {
  if (crs === 'EPSG:4326') return ([x, y]) => [x, y]
  const convert = proj4(knownCrs[crs], knownCrs['EPSG:4326'])
  return ([x, y]) => {
    const [lon, lat] = convert.forward([x, y])
    return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]
  }
}
