import Flatbush from 'flatbush'

/** Why a drawn ring is not a usable CAP polygon (CAP 1.2 §3.3.4: closed, at least four points). */
export type RingProblem =
  | { readonly reason: 'polygon_not_closed' }
  | { readonly reason: 'polygon_too_few_points'; readonly points: number }
  | { readonly reason: 'polygon_self_intersecting'; readonly at: readonly [number, number] }

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
  return v > 0 ? 1 : v < 0 ? -1 : 0
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by)
}

/** Whether segments a–b and c–d share any point. */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy)
  const o2 = orient(ax, ay, bx, by, dx, dy)
  const o3 = orient(cx, cy, dx, dy, ax, ay)
  const o4 = orient(cx, cy, dx, dy, bx, by)
  if (o1 !== o2 && o3 !== o4) return true
  return (
    (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))
  )
}

/**
 * The problems of one ring of [lon, lat] positions: closed, at least four positions (three
 * distinct corners and the first repeated), and no two edges touching except neighbours at their
 * shared corner. Edges are indexed in a Flatbush tree so that the check stays near n log n for
 * the 5,000 positions a drawn polygon may have, fast enough to run on every drag.
 */
export function ringProblems(ring: readonly (readonly [number, number])[]): RingProblem[] {
  const problems: RingProblem[] = []
  if (ring.length < 4) problems.push({ reason: 'polygon_too_few_points', points: ring.length })
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({ reason: 'polygon_not_closed' })
    return problems
  }
  if (ring.length < 4) return problems
  const edges = ring.length - 1
  const index = new Flatbush(edges)
  for (let i = 0; i < edges; i++) {
    const [ax, ay] = ring[i]!
    const [bx, by] = ring[i + 1]!
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))
  }
  index.finish()
  for (let i = 0; i < edges; i++) {
    const [ax, ay] = ring[i]!
    const [bx, by] = ring[i + 1]!
    const hits = index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))
    for (const j of hits) {
      if (j <= i) continue
      const adjacent = j === i + 1 || (i === 0 && j === edges - 1)
      const [cx, cy] = ring[j]!
      const [dx, dy] = ring[j + 1]!
      if (adjacent) {
        // neighbours share one corner; they intersect badly only if they overlap along a line
        const shared = j === i + 1 ? [bx, by] : [ax, ay]
        const other = j === i + 1 ? [dx, dy] : [cx, cy]
        const own = j === i + 1 ? [ax, ay] : [bx, by]
        const collinear = orient(own[0]!, own[1]!, shared[0]!, shared[1]!, other[0]!, other[1]!) === 0
        const backwards =
          (own[0]! - shared[0]!) * (other[0]! - shared[0]!) +
            (own[1]! - shared[1]!) * (other[1]! - shared[1]!) >
          0
        if (edges > 2 && collinear && backwards) {
          problems.push({ reason: 'polygon_self_intersecting', at: [shared[0]!, shared[1]!] })
          return problems
        }
        continue
      }
      if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) {
        problems.push({ reason: 'polygon_self_intersecting', at: [cx, cy] })
        return problems
      }
    }
  }
  return problems
}
