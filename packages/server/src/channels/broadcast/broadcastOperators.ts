import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import {
  checkUniqueIds,
  describeValue,
  isJsonObject,
  operatorsInvalid,
  readOperatorsFile,
} from '../operatorsFile.js'

/** One operator's cell-broadcast centre: where CAP is POSTed, how, and how hard to try. */
export interface BroadcastOperator {
  readonly id: string
  /** `https://...` (plain `http://` only on loopback, for a local simulator). */
  readonly url: string
  /** The operator's national languages in order: the first text in one of them takes 4370-4382. */
  readonly nationalLanguages: readonly string[]
  /** Sent as `Authorization: Bearer <token>` when given. */
  readonly token?: string
  /** PEM certificates trusted for this centre alone (read from `caFile`), beside the system's. */
  readonly ca?: string
  /** Milliseconds an answer may take before the attempt counts as unanswered. */
  readonly timeoutMs: number
  /** Attempts in all, the first included, on 5xx, 429 or no answer. */
  readonly attempts: number
  /** The wait before the second attempt, doubling after each, at most `retryMaxMs`. */
  readonly retryFirstMs: number
  readonly retryMaxMs: number
}

export interface BroadcastOperators {
  readonly operators: readonly BroadcastOperator[]
}

const defaults = { timeoutMs: 10_000, attempts: 4, retryFirstMs: 1_000, retryMaxMs: 30_000 } as const
const known = new Set(['id', 'url', 'nationalLanguages', 'token', 'caFile', ...Object.keys(defaults)])
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Checks the broadcast operators' configuration (the JSON of the file `broadcast.operatorsFile`
 * names). Every problem names its field (`operators[1].url`); any problem refuses the whole file
 * with `config_invalid`. Tokens are never repeated in a problem. `caFile` is read relative to
 * `baseDir`.
 */
export function readBroadcastOperators(
  content: unknown,
  source = 'broadcast operators',
  baseDir = process.cwd(),
): BroadcastOperators {
  const problems: string[] = []
  const at = (field: string, problem: string) => problems.push(`${source}: ${field}: ${problem}`)
  if (!isJsonObject(content))
    throw operatorsInvalid('broadcast operators', source, [
      `${source}: must hold a JSON object with "operators"`,
    ])
  for (const key of Object.keys(content)) if (key !== 'operators') at(key, 'is not a field')
  const list = content['operators']
  const operators: BroadcastOperator[] = []
  if (!Array.isArray(list) || list.length === 0) at('operators', 'must be a non-empty list')
  else
    list.forEach((entry: unknown, i) => {
      const field = `operators[${i}]`
      if (!isJsonObject(entry)) return at(field, 'must be an object')
      for (const key of Object.keys(entry)) if (!known.has(key)) at(`${field}.${key}`, 'is not a field')
      const id = entry['id']
      if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,31}$/.test(id))
        at(`${field}.id`, `${describeValue(id)} must be 1-32 lower-case letters, digits or hyphens`)
      const url = entry['url']
      if (!urlProblemFree(url))
        at(`${field}.url`, `${describeValue(url)} must be an https:// URL (http:// only on loopback)`)
      const languages = entry['nationalLanguages']
      if (
        !Array.isArray(languages) ||
        languages.length === 0 ||
        languages.some((l) => typeof l !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(l))
      )
        at(`${field}.nationalLanguages`, 'must be a non-empty list of language tags such as "nl" or "fr-BE"')
      const token = entry['token']
      if (token !== undefined && (typeof token !== 'string' || !/^[\x21-\x7e]{1,512}$/.test(token)))
        at(`${field}.token`, 'must be 1-512 printable ASCII characters (not shown)')
      let ca: string | undefined
      const caFile = entry['caFile']
      if (caFile !== undefined) {
        if (typeof caFile !== 'string' || caFile === '')
          at(`${field}.caFile`, 'must be the path of a PEM file')
        else
          try {
            ca = readFileSync(resolve(baseDir, caFile), 'utf8')
            if (!ca.includes('-----BEGIN CERTIFICATE-----'))
              at(`${field}.caFile`, `'${caFile}' holds no PEM certificate`)
          } catch {
            at(`${field}.caFile`, `'${caFile}' cannot be read`)
          }
      }
      const integer = (key: keyof typeof defaults, min: number, max: number): number => {
        const value = entry[key] ?? defaults[key]
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
          at(`${field}.${key}`, `${describeValue(value)} must be a whole number from ${min} to ${max}`)
          return min
        }
        return value
      }
      operators.push({
        id: typeof id === 'string' ? id : '',
        url: typeof url === 'string' ? url : '',
        nationalLanguages: Array.isArray(languages) ? (languages as string[]) : [],
        ...(typeof token === 'string' ? { token } : {}),
        ...(ca === undefined ? {} : { ca }),
        timeoutMs: integer('timeoutMs', 100, 120_000),
        attempts: integer('attempts', 1, 10),
        retryFirstMs: integer('retryFirstMs', 10, 60_000),
        retryMaxMs: integer('retryMaxMs', 10, 600_000),
      })
    })
  checkUniqueIds(operators, at)
  if (problems.length > 0) throw operatorsInvalid('broadcast operators', source, problems)
  return { operators }
}

/** Reads and checks the broadcast operators' file. */
export function loadBroadcastOperators(path: string): BroadcastOperators {
  const content = readOperatorsFile(path, 'broadcast operators')
  return readBroadcastOperators(content, path, dirname(path))
}

function urlProblemFree(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2048) return false
  try {
    const url = new URL(value)
    if (url.username !== '' || url.password !== '') return false
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback.has(url.hostname))
  } catch {
    return false
  }
}
