import type { Casualties } from '@liaison/core'
import type { SitrepRecord, SitrepVersionRecord } from '../api/casesApi.ts'

/** What a report says, field by field, in the order the report shows them. */
export const sitrepFields = [
  'conditions',
  'actions',
  'needs',
  'resources',
  'casualties',
  'nextUpdateAt',
] as const
export type SitrepField = (typeof sitrepFields)[number]

export interface SitrepContent {
  readonly conditions: string
  readonly actions: string
  readonly needs: string
  readonly resources: string
  readonly casualties: Casualties
  readonly nextUpdateAt: string | null
}

/** An earlier version of a report, with who saved it and when, and what the next version changed. */
export interface EarlierVersion {
  readonly version: number
  readonly content: SitrepContent
  /** When this version was saved (for version 1, when the report was drafted); null if unknown. */
  readonly savedAt: string | null
  /** Who saved it: the drafter for version 1, else whoever replaced the version before. */
  readonly savedBy: string | null
  readonly replacedAt: string
  readonly replacedBy: string
  /** The fields the next version changed; null when the next version is not known. */
  readonly changedNext: readonly SitrepField[] | null
}

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') {
    try {
      return record(JSON.parse(value) as unknown)
    } catch {
      return {}
    }
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const count = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0

/** A stored version's content as a report's fields (whatever is missing reads as empty or 0). */
export function readSitrepContent(content: unknown): SitrepContent & { readonly updatedAt: string | null } {
  const c = record(content)
  const casualties = record(c['casualties'])
  const next = c['nextUpdateAt']
  const updated = c['updatedAt']
  return {
    conditions: text(c['conditions']),
    actions: text(c['actions']),
    needs: text(c['needs']),
    resources: text(c['resources']),
    casualties: {
      dead: count(casualties['dead']),
      injured: count(casualties['injured']),
      missing: count(casualties['missing']),
      evacuated: count(casualties['evacuated']),
    },
    nextUpdateAt: typeof next === 'string' && next !== '' ? next : null,
    updatedAt: typeof updated === 'string' && updated !== '' ? updated : null,
  }
}

const sameTime = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : new Date(a).getTime() === new Date(b).getTime()

/** The fields in which two versions of a report differ, in the report's order. */
export function changedFields(before: SitrepContent, after: SitrepContent): SitrepField[] {
  return sitrepFields.filter((field) => {
    switch (field) {
      case 'casualties':
        return (['dead', 'injured', 'missing', 'evacuated'] as const).some(
          (k) => before.casualties[k] !== after.casualties[k],
        )
      case 'nextUpdateAt':
        return !sameTime(before.nextUpdateAt, after.nextUpdateAt)
      case 'conditions':
      case 'actions':
      case 'needs':
      case 'resources':
        return before[field] !== after[field]
      default: {
        const exhaustive: never = field
        return exhaustive
      }
    }
  })
}

/** A report's earlier versions, newest first, each with its author and what the next version changed. */
export function earlierVersions(
  current: SitrepRecord,
  versions: readonly SitrepVersionRecord[],
): EarlierVersion[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version)
  const byVersion = new Map(sorted.map((v) => [v.version, v]))
  return sorted
    .map((v) => {
      const { updatedAt, ...content } = readSitrepContent(v.content)
      const next = byVersion.get(v.version + 1)
      const nextContent = next
        ? readSitrepContent(next.content)
        : v.version === current.version - 1
          ? current
          : null
      return {
        version: v.version,
        content,
        savedAt: updatedAt,
        savedBy: v.version === 1 ? current.draftedBy : (byVersion.get(v.version - 1)?.replacedBy ?? null),
        replacedAt: v.replacedAt,
        replacedBy: v.replacedBy,
        changedNext: nextContent ? changedFields(content, nextContent) : null,
      }
    })
    .reverse()
}

/**
 * Who is who, to name the people who saved the versions: the organisation's people, and the name
 * the node gives each version's replacer (`replacedByName`, which also names a partner's officer;
 * an empty or missing one is left out).
 */
export function versionAuthorNames(
  people: readonly { readonly id: string; readonly displayName: string }[],
  versions: readonly SitrepVersionRecord[],
): Map<string, string> {
  return new Map<string, string>([
    ...people.map((p): [string, string] => [p.id, p.displayName]),
    ...versions.flatMap((v): [string, string][] =>
      v.replacedByName ? [[v.replacedBy, v.replacedByName]] : [],
    ),
  ])
}
