import { readFileSync } from 'node:fs'
import { LiaisonError } from '@liaison/core'

/**
 * What the SMS and the broadcast operators' files share: reading the JSON, the one
 * `config_invalid` error that lists every problem, and the checks both make.
 */

/** Reads a JSON file; an unreadable or malformed file is a `config_invalid` naming the path. */
export function readOperatorsFile(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw operatorsInvalid(what, path, [`${path}: ${error instanceof Error ? error.message : String(error)}`])
  }
}

/** The one error for a refused file: `what` is "SMS operators" or "broadcast operators". */
export function operatorsInvalid(what: string, source: string, problems: readonly string[]): LiaisonError {
  return new LiaisonError(
    'config_invalid',
    `invalid ${what} (${source}, ${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    { problems: [...problems] },
  )
}

/** Reports an id given twice (`operators[2].id`); returns every id seen. */
export function checkUniqueIds(
  operators: readonly { readonly id: string }[],
  at: (field: string, problem: string) => void,
): Set<string> {
  const ids = new Set<string>()
  operators.forEach((o, i) => {
    if (o.id !== '' && ids.has(o.id)) at(`operators[${i}].id`, `'${o.id}' is given twice`)
    ids.add(o.id)
  })
  return ids
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A value as a problem quotes it, cut to 60 characters. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value))
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
