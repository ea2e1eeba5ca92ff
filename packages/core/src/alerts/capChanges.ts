import type { CapAlert } from './CapAlert.ts'

/**
 * The paths at which two versions of a CAP message differ (`alert.info[0].headline`,
 * `alert.info[1]` for a block added or removed), in document order: what an approver looks at
 * first. Times the node sets (`sent`) are left out.
 */
export function capChanges(before: CapAlert, after: CapAlert): string[] {
  const changes: string[] = []
  const { sent: _sentBefore, ...a } = before
  const { sent: _sentAfter, ...b } = after
  walk('alert', a, b, changes)
  return changes
}

function walk(path: string, a: unknown, b: unknown, into: string[]): void {
  if (Object.is(a, b)) return
  if (Array.isArray(a) && Array.isArray(b)) {
    const left: readonly unknown[] = a
    const right: readonly unknown[] = b
    // an array of texts (polygons, categories) is one value: say the array changed
    if ([...left, ...right].every((v) => typeof v !== 'object' || v === null)) {
      if (left.length !== right.length || left.some((v, i) => !Object.is(v, right[i]))) into.push(path)
      return
    }
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      if (i >= left.length || i >= right.length) into.push(`${path}[${i}]`)
      else walk(`${path}[${i}]`, left[i], right[i], into)
    }
    return
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    for (const key of keys) walk(`${path}.${key}`, a[key], b[key], into)
    return
  }
  into.push(path)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
