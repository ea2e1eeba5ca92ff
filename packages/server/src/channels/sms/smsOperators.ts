import type { OperatorRouting } from '@liaison/core'
import { checkPhoneNumber } from '@liaison/core'
import {
  checkUniqueIds,
  describeValue,
  isJsonObject,
  operatorsInvalid,
  readOperatorsFile,
} from '../operatorsFile.js'

/** One operator account: where its SMSC listens, how to bind, which numbers it carries. */
export interface SmsOperatorAccount {
  readonly id: string
  readonly host: string
  readonly port: number
  readonly systemId: string
  readonly password: string
  readonly systemType: string
  /** The sender shown on phones: digits (a short code or number) or up to 11 letters and digits. */
  readonly sourceAddr: string
  /** E.164 prefixes (`+3247`) of the numbers it carries. */
  readonly prefixes: readonly string[]
  /** submit_sm a second the contract allows. */
  readonly ratePerSecond: number
  /** submit_sm sent and not yet answered, at most. */
  readonly window: number
  readonly enquireLinkSeconds: number
  /** Seconds an answer may take before the connection is taken as broken. */
  readonly responseTimeoutSeconds: number
}

export interface SmsOperators extends OperatorRouting {
  readonly operators: readonly SmsOperatorAccount[]
}

const accountDefaults = {
  systemType: '',
  ratePerSecond: 50,
  window: 10,
  enquireLinkSeconds: 30,
  responseTimeoutSeconds: 10,
} as const

const knownAccountFields = new Set([
  'id',
  'host',
  'port',
  'systemId',
  'password',
  'sourceAddr',
  'prefixes',
  ...Object.keys(accountDefaults),
])

/**
 * Checks the operators' configuration (the JSON of the file `sms.operatorsFile` names). Every
 * problem names its field (`operators[1].port`); any problem refuses the whole file with
 * `config_invalid`. Passwords are never repeated in a problem.
 */
export function readSmsOperators(content: unknown, source = 'sms operators'): SmsOperators {
  const problems: string[] = []
  const at = (field: string, problem: string) => problems.push(`${source}: ${field}: ${problem}`)
  if (!isJsonObject(content)) {
    throw operatorsInvalid('SMS operators', source, [`${source}: must hold a JSON object with "operators"`])
  }
  for (const key of Object.keys(content)) {
    if (!['operators', 'ported', 'defaultOperator'].includes(key)) at(key, 'is not a field')
  }
  const list = content['operators']
  const operators: SmsOperatorAccount[] = []
  if (!Array.isArray(list) || list.length === 0) at('operators', 'must be a non-empty list')
  else {
    list.forEach((entry: unknown, i) => {
      const field = `operators[${i}]`
      if (!isJsonObject(entry)) return at(field, 'must be an object')
      for (const key of Object.keys(entry))
        if (!knownAccountFields.has(key)) at(`${field}.${key}`, 'is not a field')
      const text = (key: string, pattern: RegExp, rule: string, fallback?: string): string => {
        const value = entry[key] ?? fallback
        if (typeof value !== 'string' || !pattern.test(value)) {
          at(`${field}.${key}`, key === 'password' ? rule : `${describeValue(value)} ${rule}`)
          return ''
        }
        return value
      }
      const integer = (key: string, min: number, max: number, fallback?: number): number => {
        const value = entry[key] ?? fallback
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
          at(`${field}.${key}`, `${describeValue(value)} must be a whole number from ${min} to ${max}`)
          return min
        }
        return value
      }
      const prefixes = entry['prefixes'] ?? []
      if (
        !Array.isArray(prefixes) ||
        prefixes.some((p) => typeof p !== 'string' || !/^\+[1-9]\d{0,14}$/.test(p))
      ) {
        at(`${field}.prefixes`, 'must be a list of E.164 prefixes such as "+3247"')
      }
      operators.push({
        id: text('id', /^[a-z0-9][a-z0-9-]{0,31}$/, 'must be 1-32 lower-case letters, digits or hyphens'),
        host: text('host', /^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or address'),
        port: integer('port', 1, 65535),
        // SMPP 3.4: system_id at most 15 octets, password at most 8, system_type at most 12
        systemId: text('systemId', /^[\x21-\x7e]{1,15}$/, 'must be 1-15 printable ASCII characters'),
        password: text(
          'password',
          /^[\x21-\x7e]{0,8}$/,
          'must be at most 8 printable ASCII characters (not shown)',
        ),
        systemType: text('systemType', /^[\x20-\x7e]{0,12}$/, 'must be at most 12 ASCII characters', ''),
        sourceAddr: text(
          'sourceAddr',
          /^(?:\+?\d{1,20}|[A-Za-z0-9 .-]{1,11})$/,
          'must be digits or 1-11 letters and digits',
        ),
        prefixes: Array.isArray(prefixes) ? (prefixes as string[]) : [],
        ratePerSecond: integer('ratePerSecond', 1, 10_000, accountDefaults.ratePerSecond),
        window: integer('window', 1, 1_000, accountDefaults.window),
        enquireLinkSeconds: integer('enquireLinkSeconds', 1, 3_600, accountDefaults.enquireLinkSeconds),
        responseTimeoutSeconds: integer(
          'responseTimeoutSeconds',
          1,
          600,
          accountDefaults.responseTimeoutSeconds,
        ),
      })
    })
  }
  const ids = checkUniqueIds(operators, at)
  const ported: Record<string, string> = {}
  const rawPorted = content['ported'] ?? {}
  if (!isJsonObject(rawPorted)) at('ported', 'must be an object of E.164 numbers to operator ids')
  else {
    for (const [number, operator] of Object.entries(rawPorted)) {
      const checked = checkPhoneNumber(number)
      if (!checked.ok || checked.value !== number)
        at(`ported["${number.slice(0, 40)}"]`, 'is not an E.164 number (+ and digits)')
      else if (typeof operator !== 'string' || !ids.has(operator))
        at(`ported["${number}"]`, `${describeValue(operator)} is not an operator's id`)
      else ported[number] = operator
    }
  }
  const defaultOperator = content['defaultOperator']
  if (defaultOperator !== undefined && (typeof defaultOperator !== 'string' || !ids.has(defaultOperator))) {
    at('defaultOperator', `${describeValue(defaultOperator)} is not an operator's id`)
  }
  if (problems.length > 0) throw operatorsInvalid('SMS operators', source, problems)
  return { operators, ported, ...(typeof defaultOperator === 'string' ? { defaultOperator } : {}) }
}

/** Reads and checks the operators' file. */
export function loadSmsOperators(path: string): SmsOperators {
  const content = readOperatorsFile(path, 'SMS operators')
  return readSmsOperators(content, path)
}
