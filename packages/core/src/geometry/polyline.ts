/**
 * Decodes an encoded polyline (the Google polyline algorithm, precision 1e-5, here with
 * longitude first) into a flat Float64Array [lon0, lat0, lon1, lat1, ...]. Written here because
 * the maintained decoders (@mapbox/polyline) return arrays of arrays, and the shipped borders are
 * kept flat in typed arrays (decision 027).
 */
export function decodePolyline(encoded: string): Float64Array {
  const values: number[] = []
  let index = 0
  while (index < encoded.length) {
    let result = 0
    let shift = 0
    let byte: number
    do {
      byte = encoded.charCodeAt(index++) - 63
      result |= (byte & 0x1f) << shift
      shift += 5
    } while (byte >= 0x20 && index < encoded.length)
    values.push(result & 1 ? ~(result >> 1) : result >> 1)
  }
  const out = new Float64Array(values.length)
  let lon = 0
  let lat = 0
  for (let i = 0; i + 1 < values.length; i += 2) {
    lon += values[i]!
    lat += values[i + 1]!
    out[i] = lon / 1e5
    out[i + 1] = lat / 1e5
  }
  return out
}
