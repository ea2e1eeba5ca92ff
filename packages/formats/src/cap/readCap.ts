import { XMLParser, XMLValidator } from 'fast-xml-parser'
import {
  capProblem,
  err,
  maxPolygonPoints,
  ok,
  validateCapAlert,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapNamedValue,
  type CapProblem,
  type CapProblemReason,
  type CapResource,
  type Result,
} from '@liaison/core'
import { cap12Namespaces } from './capNamespaces.ts'
import { list, record } from './xmlValues.ts'

/** The WHATWG decoder every supported runtime has (Node 20+, browsers); formats has no DOM types. */
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => { decode(input: Uint8Array): string }

/** The default largest CAP document accepted: 1 MiB (embedded audio and images occur). */
export const defaultCapMaxBytes = 1024 * 1024

export interface ReadCapOptions {
  readonly maxBytes?: number
  readonly maxPolygonPoints?: number
}

export interface ReadCap {
  readonly alert: CapAlert
  /** The namespace the document used: CAP 1.2 or the CAP-LU profile. */
  readonly namespace: string
  /** The document as text (decoded, without a byte-order mark), for the XSD check. */
  readonly text: string
  /** Section-3 problems of a message that is still usable. */
  readonly warnings: readonly CapProblem[]
}

/** Problems after which a message is not kept: it cannot be identified, or it is hostile. */
const fatal: ReadonlySet<CapProblemReason> = new Set(['polygon_too_many_points'])
const identity = new Set(['alert.identifier', 'alert.sender', 'alert.sent'])

/**
 * The tolerant reader: reads another authority's CAP 1.2 document and returns the alert with
 * warnings for what breaks a rule, as long as the message stays usable (identified by a
 * well-formed identifier, sender and sent). Refuses what is not CAP 1.2 (1.1, other
 * namespaces), anything with a DTD or an entity declaration, and a document over the size limit
 * before parsing it. Bytes may be UTF-8 (with or without a byte-order mark), UTF-16 with a
 * byte-order mark, or ISO-8859-1 / windows-1252 as declared.
 */
export function readCap(
  input: string | Uint8Array,
  options: ReadCapOptions = {},
): Result<ReadCap, CapProblem[]> {
  const maxBytes = options.maxBytes ?? defaultCapMaxBytes
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) return err([capProblem('alert', 'too_long', `${size} bytes, at most ${maxBytes}`)])
  const decoded = typeof input === 'string' ? input : decodeXml(input)
  if (decoded === undefined) return err([capProblem('alert', 'encoding_unsupported')])
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return err([capProblem('alert', 'doctype_refused')])
  const tooManyPoints = firstOversizedPolygon(text, options.maxPolygonPoints ?? maxPolygonPoints)
  if (tooManyPoints !== undefined) return err([tooManyPoints])
  const wellFormed = XMLValidator.validate(text)
  if (wellFormed !== true) {
    return err([capProblem(`line ${wellFormed.err.line}`, 'xml_malformed', wellFormed.err.msg)])
  }
  let rootPrefix: string | undefined
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    transformTagName: (name) => {
      const colon = name.indexOf(':')
      rootPrefix ??= colon < 0 ? '' : name.slice(0, colon)
      return colon < 0 ? name : name.slice(colon + 1)
    },
  })
  const parsed = parser.parse(text) as Record<string, unknown>
  const root = record(parsed.alert)
  const namespace =
    root === undefined ? undefined : text1(root[rootPrefix ? `@_xmlns:${rootPrefix}` : '@_xmlns'])
  if (root === undefined || namespace === undefined || !cap12Namespaces.includes(namespace)) {
    return err([capProblem('alert', 'not_cap_12', namespace === undefined ? 'no CAP namespace' : namespace)])
  }
  const alert = toAlert(root)
  const problems = validateCapAlert(alert, options)
  const refused = problems.filter((p) => fatal.has(p.reason) || identity.has(p.path))
  if (refused.length > 0) return err(problems)
  return ok({ alert, namespace, text, warnings: problems })
}

/**
 * Finds a polygon with more points than accepted before the document is parsed, so that a polygon
 * of a million points costs one scan of the text, not a parse and a tree.
 */
function firstOversizedPolygon(text: string, maxPoints: number): CapProblem | undefined {
  const polygons = /<(?:[\w.-]+:)?polygon\s*>/g
  let index = 0
  for (let match = polygons.exec(text); match !== null; match = polygons.exec(text)) {
    let pairs = 0
    for (let i = match.index + match[0].length; i < text.length && text[i] !== '<'; i += 1) {
      if (text[i] === ',' && ++pairs > maxPoints) {
        return capProblem(`polygon ${index + 1}`, 'polygon_too_many_points', `over ${maxPoints}`)
      }
    }
    index += 1
  }
  return undefined
}

/** Decodes an XML document as `readCap` does: UTF-8 or UTF-16 by byte-order mark, else as declared. */
export function decodeXml(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3))
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2))
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2))
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
    const declared =
      /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8'
    if (declared === 'utf-8' || declared === 'utf8' || declared === 'us-ascii') {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    }
    if (
      declared === 'iso-8859-1' ||
      declared === 'latin1' ||
      declared === 'windows-1252' ||
      declared === 'iso-8859-15'
    ) {
      return new TextDecoder(declared === 'iso-8859-15' ? 'iso-8859-15' : 'windows-1252').decode(bytes)
    }
    return undefined
  } catch {
    return undefined
  }
}

function text1(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value
  if (typeof first === 'string') return first
  if (typeof first === 'number' || typeof first === 'boolean') return String(first)
  const inner = record(first)?.['#text']
  return inner === undefined ? (record(first) !== undefined ? '' : undefined) : text1(inner)
}

function texts(value: unknown): string[] {
  return list(value).map((v) => text1(v) ?? '')
}

function number(value: unknown): number | undefined {
  const text = text1(value)
  return text === undefined || text === ''
    ? undefined
    : /^[-+]?\d+(\.\d+)?$/.test(text)
      ? Number(text)
      : Number.NaN
}

/** Leaves out what the document does not carry, so that reading what was written gives back the same. */
function optional<K extends string, V extends string | number>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}

function named(value: unknown): CapNamedValue[] {
  return list(value).map((v) => {
    const r = record(v) ?? {}
    return { valueName: text1(r.valueName) ?? '', value: text1(r.value) ?? '' }
  })
}

function toAlert(r: Record<string, unknown>): CapAlert {
  return {
    identifier: text1(r.identifier) ?? '',
    sender: text1(r.sender) ?? '',
    sent: text1(r.sent) ?? '',
    status: (text1(r.status) ?? '') as CapAlert['status'],
    msgType: (text1(r.msgType) ?? '') as CapAlert['msgType'],
    ...optional('source', text1(r.source)),
    scope: (text1(r.scope) ?? '') as CapAlert['scope'],
    ...optional('restriction', text1(r.restriction)),
    ...optional('addresses', text1(r.addresses)),
    code: texts(r.code),
    ...optional('note', text1(r.note)),
    ...optional('references', text1(r.references)),
    ...optional('incidents', text1(r.incidents)),
    info: list(r.info).map((i) => toInfo(record(i) ?? {})),
  }
}

function toInfo(r: Record<string, unknown>): CapInfo {
  return {
    ...optional('language', text1(r.language)),
    category: texts(r.category) as CapInfo['category'][number][],
    event: text1(r.event) ?? '',
    responseType: texts(r.responseType) as CapInfo['responseType'][number][],
    urgency: (text1(r.urgency) ?? '') as CapInfo['urgency'],
    severity: (text1(r.severity) ?? '') as CapInfo['severity'],
    certainty: (text1(r.certainty) ?? '') as CapInfo['certainty'],
    ...optional('audience', text1(r.audience)),
    eventCode: named(r.eventCode),
    ...optional('effective', text1(r.effective)),
    ...optional('onset', text1(r.onset)),
    ...optional('expires', text1(r.expires)),
    ...optional('senderName', text1(r.senderName)),
    ...optional('headline', text1(r.headline)),
    ...optional('description', text1(r.description)),
    ...optional('instruction', text1(r.instruction)),
    ...optional('web', text1(r.web)),
    ...optional('contact', text1(r.contact)),
    parameter: named(r.parameter),
    resource: list(r.resource).map((v) => toResource(record(v) ?? {})),
    area: list(r.area).map((v) => toArea(record(v) ?? {})),
  }
}

function toResource(r: Record<string, unknown>): CapResource {
  return {
    resourceDesc: text1(r.resourceDesc) ?? '',
    mimeType: text1(r.mimeType) ?? '',
    ...optional('size', number(r.size)),
    ...optional('uri', text1(r.uri)),
    ...optional('derefUri', text1(r.derefUri)),
    ...optional('digest', text1(r.digest)),
  }
}

function toArea(r: Record<string, unknown>): CapArea {
  return {
    areaDesc: text1(r.areaDesc) ?? '',
    polygon: texts(r.polygon),
    circle: texts(r.circle),
    geocode: named(r.geocode),
    ...optional('altitude', number(r.altitude)),
    ...optional('ceiling', number(r.ceiling)),
  }
}
