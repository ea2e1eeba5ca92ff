import {
  capCategories,
  capCertainties,
  capMsgTypes,
  capResponseTypes,
  capScopes,
  capSeverities,
  capStatuses,
  capUrgencies,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapResource,
} from './CapAlert.ts'
import { checkCapPolygon, maxPolygonPoints, parseCapPoint } from './capPolygon.ts'
import { capProblem, type CapProblem } from './capProblems.ts'

const capDate = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)[-+](\d\d):(\d\d)$/
const rfc3066 = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/
const forbiddenInIdentifier = /[\s,<&]/

/** A CAP dateTime: explicit offset (`Z` is not CAP), no fractional seconds, real calendar values. */
export function isCapDate(text: string): boolean {
  const match = capDate.exec(text)
  if (match === null) return false
  const [, y, mo, d, h, mi, s, oh, om] = match.map(Number)
  if (y === undefined || mo === undefined || d === undefined) return false
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return (
    mo >= 1 &&
    mo <= 12 &&
    d >= 1 &&
    d <= days &&
    (h ?? 99) <= 23 &&
    (mi ?? 99) <= 59 &&
    (s ?? 99) <= 59 &&
    (oh ?? 99) <= 14 &&
    (om ?? 99) <= 59
  )
}

/** An identifier or a sender: not empty, no whitespace, comma, `<` or `&` (CAP 1.2 section 3.2.1). */
export function isCapIdentifier(text: string): boolean {
  return text.length > 0 && !forbiddenInIdentifier.test(text)
}

/** An absolute URI (RFC 3986): a scheme, a colon and no whitespace after it. */
export function isAbsoluteUri(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(text)
}

export interface CapReference {
  readonly sender: string
  readonly identifier: string
  readonly sent: string
}

/** Splits `references` into its triples; undefined when one is not a well-formed triple. */
export function parseCapReferences(text: string): CapReference[] | undefined {
  const triples = text.trim().split(/\s+/)
  const references: CapReference[] = []
  for (const triple of triples) {
    const parts = triple.split(',')
    if (parts.length !== 3) return undefined
    const [sender = '', identifier = '', sent = ''] = parts
    if (!isCapIdentifier(sender) || !isCapIdentifier(identifier) || !isCapDate(sent)) return undefined
    references.push({ sender, identifier, sent })
  }
  return references
}

export interface CapRuleOptions {
  /** The most points one polygon may carry (default {@link maxPolygonPoints}). */
  readonly maxPolygonPoints?: number
}

/**
 * The CAP 1.2 rules of section 3 that the XSD does not carry, and the required elements and
 * enumerations again (a message built in memory never passed the XSD). Returns every problem
 * found, each with its path; an empty list means the message conforms.
 */
export function validateCapAlert(alert: CapAlert, options: CapRuleOptions = {}): CapProblem[] {
  const problems: CapProblem[] = []
  const at = (path: string): string => `alert.${path}`
  const identifier = (name: 'identifier' | 'sender', value: string): void => {
    if (value === '') problems.push(capProblem(at(name), 'required'))
    else if (!isCapIdentifier(value)) problems.push(capProblem(at(name), 'identifier_form'))
  }
  identifier('identifier', alert.identifier)
  identifier('sender', alert.sender)
  date(problems, at('sent'), alert.sent, true)
  oneOf(problems, at('status'), alert.status, capStatuses)
  oneOf(problems, at('msgType'), alert.msgType, capMsgTypes)
  oneOf(problems, at('scope'), alert.scope, capScopes)
  if (alert.scope === 'Restricted' && blank(alert.restriction)) {
    problems.push(capProblem(at('restriction'), 'restriction_missing'))
  }
  if (alert.scope === 'Private' && blank(alert.addresses)) {
    problems.push(capProblem(at('addresses'), 'addresses_missing'))
  }
  if (alert.references !== undefined && alert.references.trim() !== '') {
    const references = parseCapReferences(alert.references)
    if (references === undefined) problems.push(capProblem(at('references'), 'references_form'))
    else if (references.some((r) => r.sender === alert.sender && r.identifier === alert.identifier)) {
      problems.push(capProblem(at('references'), 'references_self'))
    }
  } else if (alert.msgType === 'Update' || alert.msgType === 'Cancel') {
    problems.push(capProblem(at('references'), 'references_missing'))
  }
  alert.code.forEach((code, i) => {
    if (code.trim() === '') problems.push(capProblem(at(`code[${i}]`), 'required'))
  })
  alert.info.forEach((info, i) => {
    checkInfo(problems, at(`info[${i}]`), info, options)
  })
  return problems
}

function checkInfo(problems: CapProblem[], path: string, info: CapInfo, options: CapRuleOptions): void {
  if (info.language !== undefined && !rfc3066.test(info.language)) {
    problems.push(capProblem(`${path}.language`, 'language_form'))
  }
  if (info.category.length === 0) problems.push(capProblem(`${path}.category`, 'required'))
  info.category.forEach((category, i) => {
    oneOf(problems, `${path}.category[${i}]`, category, capCategories)
  })
  if (blank(info.event)) problems.push(capProblem(`${path}.event`, 'required'))
  info.responseType.forEach((responseType, i) => {
    oneOf(problems, `${path}.responseType[${i}]`, responseType, capResponseTypes)
  })
  oneOf(problems, `${path}.urgency`, info.urgency, capUrgencies)
  oneOf(problems, `${path}.severity`, info.severity, capSeverities)
  oneOf(problems, `${path}.certainty`, info.certainty, capCertainties)
  for (const name of ['effective', 'onset', 'expires'] as const) {
    date(problems, `${path}.${name}`, info[name], false)
  }
  if (info.web !== undefined && !isAbsoluteUri(info.web)) {
    problems.push(capProblem(`${path}.web`, 'web_not_absolute'))
  }
  for (const [list, name] of [
    [info.eventCode, 'eventCode'],
    [info.parameter, 'parameter'],
  ] as const) {
    list.forEach((pair, i) => {
      if (blank(pair.valueName)) problems.push(capProblem(`${path}.${name}[${i}].valueName`, 'required'))
    })
  }
  info.resource.forEach((resource, i) => {
    checkResource(problems, `${path}.resource[${i}]`, resource)
  })
  info.area.forEach((area, i) => {
    checkArea(problems, `${path}.area[${i}]`, area, options)
  })
}

function checkResource(problems: CapProblem[], path: string, resource: CapResource): void {
  if (blank(resource.resourceDesc)) problems.push(capProblem(`${path}.resourceDesc`, 'required'))
  if (blank(resource.mimeType)) problems.push(capProblem(`${path}.mimeType`, 'required'))
  if (resource.size !== undefined && !(Number.isInteger(resource.size) && resource.size >= 0)) {
    problems.push(capProblem(`${path}.size`, 'number_form'))
  }
  if (resource.uri !== undefined && !isAbsoluteUri(resource.uri) && !resource.uri.startsWith('/')) {
    problems.push(capProblem(`${path}.uri`, 'web_not_absolute'))
  }
}

function checkArea(problems: CapProblem[], path: string, area: CapArea, options: CapRuleOptions): void {
  if (blank(area.areaDesc)) problems.push(capProblem(`${path}.areaDesc`, 'required'))
  area.polygon.forEach((polygon, i) => {
    problems.push(
      ...checkCapPolygon(polygon, `${path}.polygon[${i}]`, options.maxPolygonPoints ?? maxPolygonPoints),
    )
  })
  area.circle.forEach((circle, i) => {
    if (!isCapCircle(circle)) problems.push(capProblem(`${path}.circle[${i}]`, 'circle_form'))
  })
  area.geocode.forEach((pair, i) => {
    if (blank(pair.valueName)) problems.push(capProblem(`${path}.geocode[${i}].valueName`, 'required'))
  })
  for (const name of ['altitude', 'ceiling'] as const) {
    const value = area[name]
    if (value !== undefined && !Number.isFinite(value))
      problems.push(capProblem(`${path}.${name}`, 'number_form'))
  }
  if (area.ceiling !== undefined) {
    if (area.altitude === undefined) problems.push(capProblem(`${path}.ceiling`, 'ceiling_without_altitude'))
    else if (area.ceiling < area.altitude)
      problems.push(capProblem(`${path}.ceiling`, 'ceiling_below_altitude'))
  }
}

/** `lat,lon radius`, the radius in kilometres, not negative. */
export function isCapCircle(text: string): boolean {
  const parts = text.trim().split(/\s+/)
  if (parts.length !== 2) return false
  const [centre = '', radius = ''] = parts
  return parseCapPoint(centre) !== undefined && /^\d+(\.\d*)?$|^\.\d+$/.test(radius)
}

function date(problems: CapProblem[], path: string, value: string | undefined, required: boolean): void {
  if (value === undefined || value === '') {
    if (required) problems.push(capProblem(path, 'required'))
  } else if (!isCapDate(value)) {
    problems.push(capProblem(path, 'date_form', `"${value.slice(0, 40)}"`))
  }
}

function oneOf(problems: CapProblem[], path: string, value: string, allowed: readonly string[]): void {
  if (value === '') problems.push(capProblem(path, 'required'))
  else if (!allowed.includes(value))
    problems.push(capProblem(path, 'not_enumerated', `"${value.slice(0, 40)}"`))
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === ''
}
