import type { CaseStatus, GeoPoint, Severity } from '@liaison/core'
import { base64Encode, utf8Bytes } from './base64.ts'
import type { EdxlCaseFacts, EdxlSender } from './EdxlCase.ts'
import {
  edxlDe20Namespace,
  emsi2015Namespace,
  liaisonContents,
  liaisonValueLists,
  xlinkNamespace,
} from './edxlNamespaces.ts'
import { cut, xmlCarried, xmlDateTime, xmlEscape } from '../xml/xmlText.ts'

const ctNamespace = 'urn:oasis:names:tc:emergency:edxl:ct:1.0'

/** EMSI's longest free text (`freetext`, 500 characters) and name (`event/name`, an id of 40). */
export const emsiFreeTextMax = 500
export const emsiNameMax = 40

export interface WriteEdxlCase {
  /** The distribution's id, new for each one written; also the EMSI message's id (at most 40). */
  readonly distributionId: string
  readonly sent: Date
  readonly expires: Date
  readonly sender: EdxlSender
  readonly case: EdxlCaseFacts
}

export const distributionStatusOf: Record<CaseStatus, 'Actual' | 'Exercise' | 'Test'> = {
  actual: 'Actual',
  exercise: 'Exercise',
  test: 'Test',
}

export const emsiModeOf: Record<CaseStatus, 'ACTUAL' | 'EXERCS' | 'TEST'> = {
  actual: 'ACTUAL',
  exercise: 'EXERCS',
  test: 'TEST',
}

export const edxlSeverityOf: Record<Severity, 'Extreme' | 'Severe' | 'Moderate' | 'Minor'> = {
  critical: 'Extreme',
  major: 'Severe',
  moderate: 'Moderate',
  minor: 'Minor',
}

/** Lines of XML, indented, with text escaped. */
export class XmlLines {
  readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  open(indent: number, tag: string): void {
    this.lines.push(`${'  '.repeat(indent)}<${tag}>`)
  }
  close(indent: number, name: string): void {
    this.lines.push(`${'  '.repeat(indent)}</${name}>`)
  }
  put(indent: number, name: string, value: string | number | undefined): void {
    if (value !== undefined)
      this.lines.push(`${'  '.repeat(indent)}<${name}>${xmlEscape(String(value))}</${name}>`)
  }
  /** An EDXL value list: `<name><ct:ValueListURI>uri</ct:ValueListURI><ct:Value>…</ct:Value></name>`. */
  valueList(indent: number, name: string, uri: string, values: readonly string[]): void {
    if (values.length === 0) return
    this.open(indent, name)
    this.put(indent + 1, 'ct:ValueListURI', uri)
    for (const v of values) this.put(indent + 1, 'ct:Value', v)
    this.close(indent, name)
  }
  text(): string {
    return [...this.lines, ''].join('\n')
  }
}

/** The envelope's opening and its header (distribution id to kind); the caller adds the rest. */
export function openDistribution(
  x: XmlLines,
  head: { distributionId: string; senderId: string; sent: Date; expires: Date; status: CaseStatus },
): void {
  x.open(
    0,
    `edxlDistribution xmlns="${edxlDe20Namespace}" xmlns:ct="${ctNamespace}" xmlns:xlink="${xlinkNamespace}" xlink:type="extended"`,
  )
  x.put(1, 'distributionID', head.distributionId)
  x.put(1, 'senderID', head.senderId)
  x.put(1, 'dateTimeSent', xmlDateTime(head.sent))
  x.put(1, 'dateTimeExpires', xmlDateTime(head.expires))
  x.put(1, 'distributionStatus', distributionStatusOf[head.status])
  x.put(1, 'distributionKind', 'Report')
}

/**
 * An EDXL-DE 2.0 distribution carrying a case's facts as an EMSI (ISO/TR 22351, TSO 2.0) message,
 * for systems that are not Liaison (decision 039): the EMSI elements carry what EMSI has words for;
 * the full title is the descriptor's `incidentDescription`; the facts EMSI has no element for are
 * `contentKeyword`s in Liaison's value lists; a description longer than EMSI's 500 characters
 * travels whole in a second, plain-text content object.
 */
export function writeEdxlCase(input: WriteEdxlCase): string {
  const c = input.case
  const x = new XmlLines()
  openDistribution(x, {
    distributionId: input.distributionId,
    senderId: input.sender.id,
    sent: input.sent,
    expires: input.expires,
    status: c.status,
  })
  x.open(1, 'descriptor xlink:type="resource"')
  x.put(2, 'severity', edxlSeverityOf[c.severity])
  x.put(2, 'incidentID', c.id)
  x.put(2, 'incidentDescription', tokenText(c.title, c.id))
  x.close(1, 'descriptor')
  x.open(1, 'content xlink:type="resource"')
  x.open(2, 'contentObject xlink:type="resource"')
  x.open(3, 'contentDescriptor')
  x.put(4, 'contentDescription', `The case "${cut(c.title, 200)}" as an EMSI message (ISO/TR 22351)`)
  const lists = liaisonValueLists
  x.valueList(4, 'contentKeyword', lists.content, [liaisonContents.emsi])
  x.valueList(4, 'contentKeyword', lists.kind, [c.kind])
  x.valueList(4, 'contentKeyword', lists.type, [c.type])
  x.valueList(4, 'contentKeyword', lists.state, [c.state])
  x.valueList(4, 'contentKeyword', lists.severity, [c.severity])
  x.valueList(4, 'contentKeyword', lists.discipline, c.disciplines)
  if (c.endsAt !== null) x.valueList(4, 'contentKeyword', lists.endsAt, [xmlDateTime(c.endsAt)])
  if (c.scaling !== null) {
    x.valueList(4, 'contentKeyword', lists.scalingDoctrine, [c.scaling.doctrine])
    x.valueList(4, 'contentKeyword', lists.scalingLevel, [c.scaling.level])
    if (c.scaling.planLevel) x.valueList(4, 'contentKeyword', lists.scalingPlanLevel, [c.scaling.planLevel])
  }
  x.put(4, 'contentID', c.id)
  x.close(3, 'contentDescriptor')
  x.open(3, 'contentXML')
  x.open(4, 'embeddedXMLContent')
  writeEmsi(x, 5, input)
  x.close(4, 'embeddedXMLContent')
  x.close(3, 'contentXML')
  x.close(2, 'contentObject')
  const description = xmlCarried(c.description)
  if (Array.from(description).length > emsiFreeTextMax) {
    const bytes = utf8Bytes(description)
    x.open(2, 'contentObject xlink:type="resource"')
    x.open(3, 'contentDescriptor')
    x.put(4, 'contentDescription', 'The full description of the case')
    x.valueList(4, 'contentKeyword', lists.content, [liaisonContents.description])
    x.close(3, 'contentDescriptor')
    x.open(3, 'otherContent')
    x.put(4, 'mimeType', 'text/plain; charset=utf-8')
    x.put(4, 'size', bytes.length)
    x.put(4, 'contentData', base64Encode(bytes))
    x.close(3, 'otherContent')
    x.close(2, 'contentObject')
  }
  x.close(1, 'content')
  x.close(0, 'edxlDistribution')
  return x.text()
}

function writeEmsi(x: XmlLines, at: number, input: WriteEdxlCase): void {
  const c = input.case
  x.open(at, `emsi xmlns="${emsi2015Namespace}"`)
  x.open(at + 1, 'context')
  x.put(at + 2, 'id', input.distributionId)
  x.put(at + 2, 'mode', emsiModeOf[c.status])
  x.put(at + 2, 'msgType', 'ALERT')
  x.put(at + 2, 'creation', xmlDateTime(input.sent))
  x.put(at + 2, 'level', 'STRTG')
  x.put(at + 2, 'urgency', c.severity === 'critical' || c.severity === 'major' ? 'URGENT' : 'NOT_URGENT')
  x.open(at + 2, 'origin')
  x.put(at + 3, 'org_id', input.sender.orgCode)
  x.put(at + 3, 'name', cut(xmlCarried(input.sender.orgName), 80))
  x.close(at + 2, 'origin')
  x.close(at + 1, 'context')
  x.open(at + 1, 'event')
  x.put(at + 2, 'id', c.id)
  x.put(at + 2, 'name', cut(xmlCarried(c.title).replace(/\s+/g, ' ').trim(), emsiNameMax).trim())
  x.put(at + 2, 'decl_datetime', xmlDateTime(c.openedAt))
  x.put(at + 2, 'occ_datetime', xmlDateTime(c.startsAt))
  x.put(
    at + 2,
    'status',
    c.state === 'closed' ? 'COM' : c.kind === 'planned-event' && c.startsAt > input.sent ? 'NST' : 'IPR',
  )
  if (c.casualties !== null) {
    const { at: when, counts } = c.casualties
    x.open(at + 2, 'casualties')
    x.put(at + 3, 'context', 'PRELIM_STAT')
    x.put(at + 3, 'datime', xmlDateTime(when))
    // the injured are not triaged in Liaison: counted as red, so that a receiver plans for the worst
    x.put(at + 3, 'triagered', counts.injured)
    x.put(at + 3, 'triageblack', counts.dead)
    x.put(at + 3, 'missing', counts.missing)
    x.close(at + 2, 'casualties')
    x.open(at + 2, 'evac')
    x.put(at + 3, 'datime', xmlDateTime(when))
    x.put(at + 3, 'evacuated', counts.evacuated)
    x.close(at + 2, 'evac')
  }
  if (c.location !== null) writeEgeo(x, at + 2, 'GEN/SITE', 'POINT', [c.location])
  if (c.area !== null) writeEgeo(x, at + 2, 'GEN/AREA', 'POLYGON', c.area)
  const description = xmlCarried(c.description)
  if (description.length > 0) x.put(at + 2, 'freetext', cut(description, emsiFreeTextMax))
  x.close(at + 1, 'event')
  x.close(at, 'emsi')
}

/** A text for an EDXL string (a token of 1 to 1023 characters): what XML can carry of it, else the fallback. */
export function tokenText(text: string, fallback: string): string {
  const carried = xmlCarried(text)
  return carried.trim() === '' ? fallback : cut(carried, 1000)
}

function writeEgeo(x: XmlLines, at: number, type: string, shape: string, points: readonly GeoPoint[]): void {
  x.open(at, 'egeo')
  x.put(at + 1, 'type', type)
  x.open(at + 1, 'position')
  x.put(at + 2, 'type', shape)
  x.put(at + 2, 'coordsys', 'EPSG-4326')
  for (const p of points) {
    x.open(at + 2, 'coord')
    x.put(at + 3, 'lat', p.lat)
    x.put(at + 3, 'lon', p.lon)
    x.close(at + 2, 'coord')
  }
  x.close(at + 1, 'position')
  x.close(at, 'egeo')
}
