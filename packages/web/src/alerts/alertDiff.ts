import { capChanges } from '@liaison/core'
import type { CapMessage } from '../api/alertsApi.ts'

/** One changed field: its CAP path and the value before and after, as text ('' where absent). */
export interface ChangedField {
  readonly path: string
  readonly before: string
  readonly after: string
}

/** The value at a path such as `alert.info[1].area[0].polygon` (undefined where there is none). */
export function valueAt(cap: CapMessage, path: string): unknown {
  const steps = path
    .replace(/^alert\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '')
  let value: unknown = cap
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[step]
  }
  return value
}

const shown = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 1)

/**
 * What an approver is asked to approve, against what is in force: each changed field with its
 * value before and after (the node's `sent` and `identifier` and the message's references,
 * which every correction changes, left out).
 */
export function changedFields(before: CapMessage, after: CapMessage): ChangedField[] {
  const own = new Set(['alert.identifier', 'alert.references', 'alert.msgType'])
  return capChanges(before, after)
    .filter((path) => !own.has(path))
    .map((path) => ({ path, before: shown(valueAt(before, path)), after: shown(valueAt(after, path)) }))
}
