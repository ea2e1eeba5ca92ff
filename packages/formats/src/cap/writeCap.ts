import {
  capProblem,
  err,
  ok,
  validateCapAlert,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapNamedValue,
  type CapProblem,
  type CapResource,
  type Result,
} from '@liaison/core'
import { cap12Namespace } from './capNamespaces.ts'
import { validateCapXsd } from './validateCapXsd.ts'
import { xmlEscape } from '../xml/xmlText.ts'

/**
 * The strict writer: refuses a message that breaks a CAP 1.2 rule, writes the elements in the
 * schema's order, and checks its own output against the official XSD before returning it, so
 * that what it returns always validates.
 */
export function writeCap(alert: CapAlert): Result<string, CapProblem[]> {
  const problems = validateCapAlert(alert)
  if (problems.length > 0) return err(problems)
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<alert xmlns="${cap12Namespace}">`]
  const put = (indent: number, name: string, value: string | number | undefined): void => {
    if (value !== undefined)
      lines.push(`${'  '.repeat(indent)}<${name}>${xmlEscape(String(value))}</${name}>`)
  }
  put(1, 'identifier', alert.identifier)
  put(1, 'sender', alert.sender)
  put(1, 'sent', alert.sent)
  put(1, 'status', alert.status)
  put(1, 'msgType', alert.msgType)
  put(1, 'source', alert.source)
  put(1, 'scope', alert.scope)
  put(1, 'restriction', alert.restriction)
  put(1, 'addresses', alert.addresses)
  for (const code of alert.code) put(1, 'code', code)
  put(1, 'note', alert.note)
  put(1, 'references', alert.references)
  put(1, 'incidents', alert.incidents)
  for (const info of alert.info) writeInfo(lines, put, info)
  lines.push('</alert>', '')
  const xml = lines.join('\n')
  const schemaProblems = validateCapXsd(xml)
  if (schemaProblems.length > 0) {
    return err(schemaProblems.map((p) => capProblem(p.path, 'xsd_invalid', p.message)))
  }
  return ok(xml)
}

type Put = (indent: number, name: string, value: string | number | undefined) => void

function writeInfo(lines: string[], put: Put, info: CapInfo): void {
  lines.push('  <info>')
  put(2, 'language', info.language)
  for (const category of info.category) put(2, 'category', category)
  put(2, 'event', info.event)
  for (const responseType of info.responseType) put(2, 'responseType', responseType)
  put(2, 'urgency', info.urgency)
  put(2, 'severity', info.severity)
  put(2, 'certainty', info.certainty)
  put(2, 'audience', info.audience)
  writeNamed(lines, put, 2, 'eventCode', info.eventCode)
  put(2, 'effective', info.effective)
  put(2, 'onset', info.onset)
  put(2, 'expires', info.expires)
  put(2, 'senderName', info.senderName)
  put(2, 'headline', info.headline)
  put(2, 'description', info.description)
  put(2, 'instruction', info.instruction)
  put(2, 'web', info.web)
  put(2, 'contact', info.contact)
  writeNamed(lines, put, 2, 'parameter', info.parameter)
  for (const resource of info.resource) writeResource(lines, put, resource)
  for (const area of info.area) writeArea(lines, put, area)
  lines.push('  </info>')
}

function writeNamed(
  lines: string[],
  put: Put,
  indent: number,
  name: string,
  pairs: readonly CapNamedValue[],
): void {
  for (const pair of pairs) {
    lines.push(`${'  '.repeat(indent)}<${name}>`)
    put(indent + 1, 'valueName', pair.valueName)
    put(indent + 1, 'value', pair.value)
    lines.push(`${'  '.repeat(indent)}</${name}>`)
  }
}

function writeResource(lines: string[], put: Put, resource: CapResource): void {
  lines.push('    <resource>')
  put(3, 'resourceDesc', resource.resourceDesc)
  put(3, 'mimeType', resource.mimeType)
  put(3, 'size', resource.size)
  put(3, 'uri', resource.uri)
  put(3, 'derefUri', resource.derefUri)
  put(3, 'digest', resource.digest)
  lines.push('    </resource>')
}

function writeArea(lines: string[], put: Put, area: CapArea): void {
  lines.push('    <area>')
  put(3, 'areaDesc', area.areaDesc)
  for (const polygon of area.polygon) put(3, 'polygon', polygon)
  for (const circle of area.circle) put(3, 'circle', circle)
  writeNamed(lines, put, 3, 'geocode', area.geocode)
  put(3, 'altitude', area.altitude)
  put(3, 'ceiling', area.ceiling)
  lines.push('    </area>')
}

/** Escapes text content; characters XML 1.0 cannot carry at all are dropped. */
