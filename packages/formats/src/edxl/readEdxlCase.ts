import type { XmlTreeNode } from 'libxml2-wasm'
import { ParseOption, XmlDocument, XmlElement } from 'libxml2-wasm'
import type {
  Casualties,
  CaseKind,
  CaseState,
  CaseStatus,
  Discipline,
  GeoPoint,
  Result,
  Scaling,
  Severity,
} from '@liaison/core'
import {
  caseKinds,
  caseStates,
  disciplines,
  doctrines,
  err,
  isScaling,
  maxPolygonPoints,
  ok,
  severities,
} from '@liaison/core'
import { decodeXml } from '../cap/readCap.ts'
import { base64Decode } from './base64.ts'
import type { EdxlCaseFacts, EdxlDistribution, EdxlProblem } from './EdxlCase.ts'
import { edxlDe20Namespace, emsi2015Namespace, liaisonContents, liaisonValueLists } from './edxlNamespaces.ts'
import { edxlRepeated } from './validateEdxlXsd.ts'

/** The WHATWG decoder every supported runtime has (Node 20+, browsers); formats has no DOM types. */
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => { decode(input: Uint8Array): string }

/** The default largest EDXL-DE document accepted: 1 MiB. */
export const defaultEdxlMaxBytes = 1024 * 1024

export interface ReadEdxlOptions {
  readonly maxBytes?: number
}

export interface ReadEdxlCase {
  readonly distribution: EdxlDistribution
  /** The EMSI message's own identity and origin. */
  readonly emsi: {
    readonly id: string
    readonly msgType: string
    readonly originOrgId: string | null
    readonly originName: string | null
  }
  /** The facts, `id` the EMSI event's id (the sender's, not a Liaison id to reuse). */
  readonly case: EdxlCaseFacts
  /** What the reader had to guess or leave out, named by path, in a message still usable. */
  readonly warnings: readonly EdxlProblem[]
}

const root = 'edxlDistribution'
const statuses = ['Actual', 'Exercise', 'System', 'Test'] as const
const modeStatus: Record<string, CaseStatus> = {
  ACTUAL: 'actual',
  EXERCS: 'exercise',
  SYSTEM: 'test',
  TEST: 'test',
}
const distributionCaseStatus: Record<string, CaseStatus> = {
  Actual: 'actual',
  Exercise: 'exercise',
  System: 'test',
  Test: 'test',
}
const severityOf: Record<string, Severity> = {
  Extreme: 'critical',
  Severe: 'major',
  Moderate: 'moderate',
  Minor: 'minor',
}
/** Message types that describe an event; the others (ACK, CANCEL, ERROR) open no case. */
const eventMessages = new Set(['ALERT', 'UPDATE'])
const dateShape = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))$/

/**
 * A date and time with its offset that names one instant both store engines hold: a day that
 * exists (no 30 February, which `Date` would roll over), no leap second, the years 1 to 9999.
 */
export function edxlTime(text: string): Date | undefined {
  const m = dateShape.exec(text)
  if (m === null) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() + (month === 2 && !leap(year) ? -1 : 0)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59)
    return undefined
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined
  const at = new Date(text)
  const utcYear = at.getUTCFullYear()
  return Number.isNaN(at.getTime()) || utcYear < 1 || utcYear > 9999 ? undefined : at
}

function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}
const typeShape = /^[a-z][a-z0-9-]{1,39}$/

/** A child element with its path. */
interface Node {
  readonly el: XmlElement
  readonly path: string
}

class Problems extends Error {
  constructor(readonly problems: EdxlProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '))
  }
}

/**
 * The tolerant reader of an EDXL-DE 2.0 distribution carrying an EMSI message (another system's,
 * or Liaison's own `writeEdxlCase`): gives back the case's facts, with warnings for what it had
 * to guess, as long as the message stays usable (an envelope with its id, sender, time and status;
 * an EMSI context and event with their ids, ALERT or UPDATE, the same status as the envelope).
 * Refuses a document over the size limit before parsing it, and any DTD or entity declaration.
 */
export function readEdxlCase(
  input: string | Uint8Array,
  options: ReadEdxlOptions = {},
): Result<ReadEdxlCase, EdxlProblem[]> {
  const maxBytes = options.maxBytes ?? defaultEdxlMaxBytes
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) return err([{ path: root, message: `${size} bytes, at most ${maxBytes}` }])
  const decoded = typeof input === 'string' ? input : decodeXml(input)
  if (decoded === undefined)
    return err([{ path: root, message: 'not UTF-8, UTF-16 with a byte-order mark, or ISO-8859-1' }])
  const text = decoded.replace(/^\uFEFF/, '')
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return err([{ path: root, message: 'a document type or entity declaration is refused' }])
  let document: XmlDocument
  try {
    // the text is already decoded: a declaration naming another encoding must not re-decode it
    document = XmlDocument.fromString(text.replace(/^<\?xml[^>]*\?>/, ''), {
      option: ParseOption.XML_PARSE_NONET,
    })
  } catch (error) {
    return err([{ path: root, message: `not well-formed XML: ${describe(error)}` }])
  }
  try {
    return ok(readDocument(document))
  } catch (error) {
    if (error instanceof Problems) return err(error.problems)
    throw error
  } finally {
    document.dispose()
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error)
}

function children(parent: Node, name: string, namespace: string): Node[] {
  const out: Node[] = []
  for (let child: XmlTreeNode | null = parent.el.firstChild; child !== null; child = child.next) {
    if (
      child instanceof XmlElement &&
      child.name.replace(/^.*:/, '') === name &&
      child.namespaceUri === namespace
    ) {
      const index = out.length
      out.push({
        el: child,
        path: edxlRepeated.has(name) ? `${parent.path}.${name}[${index}]` : `${parent.path}.${name}`,
      })
    }
  }
  return out
}

function child(parent: Node, name: string, namespace: string): Node | undefined {
  return children(parent, name, namespace)[0]
}

function textOf(node: Node | undefined): string | undefined {
  return node?.el.content
}

function refuse(path: string, message: string): never {
  throw new Problems([{ path, message }])
}

function readDocument(document: XmlDocument): ReadEdxlCase {
  const top: Node = { el: document.root, path: root }
  if (document.root.name.replace(/^.*:/, '') !== root || document.root.namespaceUri !== edxlDe20Namespace)
    refuse(root, `not an EDXL-DE 2.0 distribution (${edxlDe20Namespace})`)
  const de = (parent: Node, name: string) => child(parent, name, edxlDe20Namespace)
  const required = (name: string): string => {
    const value = textOf(de(top, name))?.trim()
    if (value === undefined || value === '') refuse(`${root}.${name}`, 'missing')
    return value
  }
  const distributionId = required('distributionID')
  const senderId = required('senderID')
  const sent = date(required('dateTimeSent'), `${root}.dateTimeSent`)
  const status = required('distributionStatus')
  if (!(statuses as readonly string[]).includes(status))
    refuse(`${root}.distributionStatus`, `'${status}' is not one of ${statuses.join(', ')}`)
  const warnings: EdxlProblem[] = []
  const expiresText = textOf(de(top, 'dateTimeExpires'))?.trim()
  const expires =
    expiresText === undefined
      ? sent
      : (optionalDate(expiresText, `${root}.dateTimeExpires`, warnings) ?? sent)
  const distribution: EdxlDistribution = {
    id: distributionId,
    senderId,
    sent,
    expires,
    status: status as EdxlDistribution['status'],
    kind: textOf(de(top, 'distributionKind'))?.trim() ?? '',
  }

  const content = de(top, 'content')
  const objects = content === undefined ? [] : children(content, 'contentObject', edxlDe20Namespace)
  let emsiNode: Node | undefined
  let emsiObject: Node | undefined
  for (const object of objects) {
    const found = children(object, 'contentXML', edxlDe20Namespace)
      .flatMap((x) => children(x, 'embeddedXMLContent', edxlDe20Namespace))
      .flatMap((x) => children(x, 'emsi', emsi2015Namespace))[0]
    if (found !== undefined) {
      emsiNode = found
      emsiObject = object
      break
    }
  }
  if (emsiNode === undefined || emsiObject === undefined)
    refuse(content?.path ?? `${root}.content`, `no EMSI message (${emsi2015Namespace}) in a contentObject`)

  const em = (parent: Node, name: string) => child(parent, name, emsi2015Namespace)
  const context = em(emsiNode, 'context') ?? refuse(`${emsiNode.path}.context`, 'missing')
  const event = em(emsiNode, 'event') ?? refuse(`${emsiNode.path}.event`, 'missing')
  const emsiRequired = (parent: Node, name: string): string => {
    const value = textOf(em(parent, name))?.trim()
    if (value === undefined || value === '') refuse(`${parent.path}.${name}`, 'missing')
    return value
  }
  const emsiId = emsiRequired(context, 'id')
  const mode = emsiRequired(context, 'mode')
  const caseStatus =
    modeStatus[mode] ?? refuse(`${context.path}.mode`, `'${mode}' is not one of ACTUAL, EXERCS, SYSTEM, TEST`)
  if (distributionCaseStatus[status] !== caseStatus)
    refuse(
      `${context.path}.mode`,
      `'${mode}' does not match the distribution's status '${status}': actual, exercise and test never mix`,
    )
  const msgType = emsiRequired(context, 'msgType')
  if (!eventMessages.has(msgType))
    refuse(`${context.path}.msgType`, `'${msgType}' describes no event to open a case for (ALERT or UPDATE)`)
  const eventId = emsiRequired(event, 'id')
  const origin = em(context, 'origin')

  // the Liaison value lists of the EMSI content object (decision 039)
  const keywords = keywordsOf(emsiObject)
  const keyword = (uri: string) => keywords.get(uri)?.values[0]
  const fromList = <T extends string>(uri: string, allowed: readonly T[]): T | undefined => {
    const value = keyword(uri)
    if (value === undefined) return undefined
    if ((allowed as readonly string[]).includes(value)) return value as T
    warnings.push({
      path: keywords.get(uri)!.path,
      message: `'${value}' is not one of ${allowed.join(', ')}`,
    })
    return undefined
  }

  const kind: CaseKind = fromList(liaisonValueLists.kind, caseKinds) ?? 'incident'
  const type = readType(keywords.get(liaisonValueLists.type), event, warnings)
  const emsiStatus = textOf(em(event, 'status'))?.trim()
  const state: CaseState =
    fromList(liaisonValueLists.state, caseStates) ?? (emsiStatus === 'COM' ? 'closed' : 'open')
  const descriptorSeverity = textOf(de(de(top, 'descriptor') ?? top, 'severity'))?.trim()
  const severity: Severity =
    fromList(liaisonValueLists.severity, severities) ??
    (descriptorSeverity === undefined ? undefined : severityOf[descriptorSeverity]) ??
    'moderate'
  const disciplineList = keywords.get(liaisonValueLists.discipline)
  const caseDisciplines: Discipline[] = []
  for (const d of disciplineList?.values ?? []) {
    if ((disciplines as readonly string[]).includes(d)) caseDisciplines.push(d as Discipline)
    else warnings.push({ path: disciplineList!.path, message: `'${d}' is not a discipline: left out` })
  }
  const scaling = readScaling(keywords, warnings)

  const title = readTitle(top, event, eventId, warnings)
  const description = readDescription(objects, event, warnings)
  const eventDate = (name: string) => {
    const node = em(event, name)
    const value = textOf(node)?.trim()
    return value === undefined || node === undefined ? undefined : optionalDate(value, node.path, warnings)
  }
  const creation = em(context, 'creation')
  const created =
    creation === undefined ? undefined : optionalDate(creation.el.content.trim(), creation.path, warnings)
  const openedAt = eventDate('decl_datetime') ?? created ?? sent
  const startsAt = eventDate('occ_datetime') ?? openedAt
  const endsAtText = keyword(liaisonValueLists.endsAt)
  let endsAt =
    endsAtText === undefined
      ? null
      : (optionalDate(endsAtText, keywords.get(liaisonValueLists.endsAt)!.path, warnings) ?? null)
  if (endsAt !== null && endsAt < startsAt) {
    warnings.push({
      path: keywords.get(liaisonValueLists.endsAt)!.path,
      message: 'before the start: left out',
    })
    endsAt = null
  }
  const { location, area } = readGeometry(children(event, 'egeo', emsi2015Namespace), warnings)
  const casualties = readCasualties(event, sent, warnings)

  return {
    distribution,
    emsi: {
      id: emsiId,
      msgType,
      originOrgId: origin === undefined ? null : (textOf(em(origin, 'org_id'))?.trim() ?? null),
      originName: origin === undefined ? null : (textOf(em(origin, 'name'))?.trim() ?? null),
    },
    case: {
      id: eventId,
      kind,
      status: caseStatus,
      state,
      type,
      title,
      description,
      severity,
      disciplines: caseDisciplines,
      scaling,
      openedAt,
      startsAt,
      endsAt,
      location,
      area,
      casualties,
    },
    warnings,
  }
}

function date(text: string, path: string): Date {
  const at = edxlTime(text)
  if (at === undefined)
    refuse(path, `'${text}' is not a date and time with its offset (2026-12-03T17:00:00+01:00)`)
  return at
}

function optionalDate(text: string, path: string, warnings: EdxlProblem[]): Date | undefined {
  const at = edxlTime(text)
  if (at === undefined) {
    warnings.push({ path, message: `'${text}' is not a date and time with its offset: left out` })
    return undefined
  }
  return at
}

function readType(
  fromKeyword: { values: string[]; path: string } | undefined,
  event: Node,
  warnings: EdxlProblem[],
): string {
  const given = fromKeyword?.values[0]
  if (given !== undefined) {
    if (typeShape.test(given)) return given
    warnings.push({ path: fromKeyword!.path, message: `'${given}' is not a case type (2-40 a-z, 0-9, -)` })
  }
  // another system's EMSI category (`FIR/OUTDOR`) as a type: `fir-outdor`
  const etype = child(event, 'etype', emsi2015Namespace)
  const category = etype === undefined ? undefined : children(etype, 'category', emsi2015Namespace)[0]
  const code = category?.el.content
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return code !== undefined && typeShape.test(code) ? code : 'other'
}

function readScaling(keywords: Keywords, warnings: EdxlProblem[]): Scaling | null {
  const doctrine = keywords.get(liaisonValueLists.scalingDoctrine)
  const level = keywords.get(liaisonValueLists.scalingLevel)
  if (doctrine === undefined && level === undefined) return null
  const plan = keywords.get(liaisonValueLists.scalingPlanLevel)?.values[0]
  const scaling = {
    doctrine: (doctrine?.values[0] ?? '') as Scaling['doctrine'],
    level: level?.values[0] ?? '',
    ...(plan === undefined ? {} : { planLevel: plan as Scaling['planLevel'] }),
  }
  if ((doctrines as readonly string[]).includes(scaling.doctrine) && isScaling(scaling)) return scaling
  warnings.push({
    path: (level ?? doctrine)!.path,
    message: `'${scaling.doctrine} ${scaling.level}' is not a scaling level: left out`,
  })
  return null
}

function readTitle(top: Node, event: Node, eventId: string, warnings: EdxlProblem[]): string {
  const descriptor = child(top, 'descriptor', edxlDe20Namespace)
  const fromDescriptor =
    descriptor === undefined ? undefined : children(descriptor, 'incidentDescription', edxlDe20Namespace)[0]
  const name = child(event, 'name', emsi2015Namespace)
  const candidate = (fromDescriptor ?? name)?.el.content.trim()
  if (candidate !== undefined && Array.from(candidate).length >= 3) {
    if (Array.from(candidate).length <= 200) return candidate
    warnings.push({ path: (fromDescriptor ?? name)!.path, message: 'longer than 200 characters: cut' })
    return Array.from(candidate).slice(0, 200).join('').trim()
  }
  warnings.push({
    path: `${event.path}.name`,
    message: 'no title of 3 characters or more: named after the event id',
  })
  return `EMSI event ${eventId}`
}

type Keywords = Map<string, { values: string[]; path: string }>

/** A content object's `contentKeyword` value lists, by list URI. */
function keywordsOf(object: Node): Keywords {
  const ct = 'urn:oasis:names:tc:emergency:edxl:ct:1.0'
  const descriptor = child(object, 'contentDescriptor', edxlDe20Namespace)
  const keywords: Keywords = new Map()
  for (const keyword of descriptor === undefined
    ? []
    : children(descriptor, 'contentKeyword', edxlDe20Namespace)) {
    const uri = textOf(child(keyword, 'ValueListURI', ct))?.trim()
    if (uri === undefined || keywords.has(uri)) continue
    const values = children(keyword, 'Value', ct).map((v) => v.el.content.trim())
    keywords.set(uri, { values, path: keyword.path })
  }
  return keywords
}

function readDescription(objects: readonly Node[], event: Node, warnings: EdxlProblem[]): string {
  for (const object of objects) {
    const isDescription =
      keywordsOf(object).get(liaisonValueLists.content)?.values.includes(liaisonContents.description) === true
    const data = child(
      child(object, 'otherContent', edxlDe20Namespace) ?? object,
      'contentData',
      edxlDe20Namespace,
    )
    if (!isDescription || data === undefined) continue
    const bytes = base64Decode(data.el.content)
    let text: string | undefined
    try {
      text = bytes === undefined ? undefined : new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      text = undefined
    }
    if (text === undefined) {
      warnings.push({ path: data.path, message: 'not base64 of UTF-8 text: the EMSI free text is used' })
      break
    }
    return limitDescription(text, data.path, warnings)
  }
  const freetext = child(event, 'freetext', emsi2015Namespace)
  return freetext === undefined ? '' : limitDescription(freetext.el.content, freetext.path, warnings)
}

function limitDescription(text: string, path: string, warnings: EdxlProblem[]): string {
  if (text.length <= 20_000) return text
  warnings.push({ path, message: 'longer than 20,000 characters: cut' })
  return Array.from(text.slice(0, 20_000)).join('')
}

function readGeometry(
  egeos: readonly Node[],
  warnings: EdxlProblem[],
): { location: GeoPoint | null; area: GeoPoint[] | null } {
  let location: GeoPoint | null = null
  let area: GeoPoint[] | null = null
  for (const egeo of egeos) {
    const position = child(egeo, 'position', emsi2015Namespace)
    if (position === undefined) continue
    const shape = textOf(child(position, 'type', emsi2015Namespace))?.trim() ?? 'POINT'
    const coordNodes = children(position, 'coord', emsi2015Namespace)
    if (coordNodes.length > maxPolygonPoints)
      refuse(position.path, `${coordNodes.length} coordinates, at most ${maxPolygonPoints}`)
    const coords: GeoPoint[] = []
    for (const coord of coordNodes) {
      const point = readCoord(coord, warnings)
      if (point === undefined) break
      coords.push(point)
    }
    if (coords.length !== coordNodes.length) continue
    if (shape === 'POINT' && location === null && coords.length === 1) location = coords[0]!
    else if (shape === 'POLYGON' && area === null) {
      const first = coords[0]
      const last = coords[coords.length - 1]
      const closed =
        first !== undefined && last !== undefined && first.lat === last.lat && first.lon === last.lon
      const ring = closed ? coords : first === undefined ? [] : [...coords, first]
      if (ring.length >= 4) area = ring
      else warnings.push({ path: position.path, message: 'a polygon of fewer than three points: left out' })
    }
  }
  if (location === null && area !== null) {
    // a case is placed at a point: the middle of the area's corners
    const corners = area.slice(0, -1)
    location = {
      lat: corners.reduce((s, p) => s + p.lat, 0) / corners.length,
      lon: corners.reduce((s, p) => s + p.lon, 0) / corners.length,
    }
  }
  return { location, area }
}

function readCoord(coord: Node, warnings: EdxlProblem[]): GeoPoint | undefined {
  const number = (name: 'lat' | 'lon', limit: number): number | undefined => {
    const node = child(coord, name, emsi2015Namespace)
    const text = textOf(node)?.trim()
    const value =
      text !== undefined && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN
    if (Math.abs(value) <= limit) return value
    warnings.push({
      path: node?.path ?? `${coord.path}.${name}`,
      message: `${text === undefined ? 'missing' : `'${text}'`}: not a ${name === 'lat' ? 'latitude' : 'longitude'}; the position is left out`,
    })
    return undefined
  }
  const lat = number('lat', 90)
  const lon = lat === undefined ? undefined : number('lon', 180)
  return lat === undefined || lon === undefined
    ? undefined
    : { lat: lat === 0 ? 0 : lat, lon: lon === 0 ? 0 : lon }
}

function readCasualties(
  event: Node,
  sent: Date,
  warnings: EdxlProblem[],
): { at: Date; counts: Casualties } | null {
  const casualty = children(event, 'casualties', emsi2015Namespace)[0]
  const evac = children(event, 'evac', emsi2015Namespace)[0]
  if (casualty === undefined && evac === undefined) return null
  const count = (parent: Node | undefined, name: string): number => {
    const node = parent === undefined ? undefined : child(parent, name, emsi2015Namespace)
    const text = textOf(node)?.trim()
    if (text === undefined) return 0
    if (/^\d{1,7}$/.test(text) && Number(text) <= 1_000_000) return Number(text)
    warnings.push({ path: node!.path, message: `'${text}' is not a count from 0 to 1,000,000: taken as 0` })
    return 0
  }
  const when = (parent: Node | undefined): Date | undefined => {
    const node = parent === undefined ? undefined : child(parent, 'datime', emsi2015Namespace)
    return node === undefined ? undefined : optionalDate(node.el.content.trim(), node.path, warnings)
  }
  const injured = Math.min(
    1_000_000,
    count(casualty, 'triagered') + count(casualty, 'triageyellow') + count(casualty, 'triagegreen'),
  )
  return {
    at: when(casualty) ?? when(evac) ?? sent,
    counts: {
      dead: count(casualty, 'triageblack'),
      injured,
      missing: count(casualty, 'missing'),
      evacuated: count(evac, 'evacuated'),
    },
  }
}
