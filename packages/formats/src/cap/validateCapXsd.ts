import type { XmlTreeNode } from 'libxml2-wasm'
import { XmlDocument, XmlElement, XmlValidateError, XsdValidator } from 'libxml2-wasm'
import { cap12Namespace } from './capNamespaces.ts'
import { capSchemaText } from './schema/capSchemaText.ts'

let validator: XsdValidator | undefined

function capValidator(): XsdValidator {
  if (validator === undefined) {
    const schema = XmlDocument.fromString(capSchemaText)
    validator = XsdValidator.fromDoc(schema)
  }
  return validator
}

export interface XsdProblem {
  readonly path: string
  readonly message: string
}

/**
 * Validates a CAP document against the official CAP 1.2 XSD with libxml2 (compiled to
 * WebAssembly; the schema is compiled once). A document in the CAP-LU profile namespace is
 * checked as CAP 1.2 after its namespace is swapped. Only call this on text the reader has
 * already screened (no DTD, size limit).
 */
export function validateCapXsd(xml: string, namespace = cap12Namespace): XsdProblem[] {
  // The text is already decoded: a declaration naming another encoding must not re-decode it.
  const undeclared = xml.replace(/^\uFEFF?<\?xml[^>]*\?>/, '')
  const text = namespace === cap12Namespace ? undeclared : undeclared.split(namespace).join(cap12Namespace)
  let document: XmlDocument
  try {
    document = XmlDocument.fromString(text)
  } catch (error) {
    return [{ path: 'alert', message: `not well-formed XML: ${describe(error)}` }]
  }
  try {
    capValidator().validate(document)
    return []
  } catch (error) {
    if (error instanceof XmlValidateError) {
      const paths = elementPathsByLine(document)
      return error.details.map((detail) => ({
        path: pathAtLine(paths, detail.line),
        message: `line ${detail.line}: ${detail.message.trim()}`,
      }))
    }
    return [{ path: 'alert', message: describe(error) }]
  } finally {
    document.dispose()
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error)
}

/** The CAP elements that may repeat: their paths carry an index, as the section-3 rules write them. */
const repeated = new Set([
  'info',
  'category',
  'responseType',
  'eventCode',
  'parameter',
  'resource',
  'area',
  'polygon',
  'circle',
  'geocode',
])

/** Each element's path (`alert.info[0].area[1].polygon[0]`) with the line it starts on, in document order. */
function elementPathsByLine(document: XmlDocument): { line: number; path: string }[] {
  const out: { line: number; path: string }[] = []
  const walk = (element: XmlElement, path: string) => {
    out.push({ line: element.line, path })
    const counts = new Map<string, number>()
    for (let child: XmlTreeNode | null = element.firstChild; child !== null; child = child.next) {
      if (!(child instanceof XmlElement)) continue
      const name = child.name.replace(/^.*:/, '')
      const index = counts.get(name) ?? 0
      counts.set(name, index + 1)
      walk(child, repeated.has(name) ? `${path}.${name}[${index}]` : `${path}.${name}`)
    }
  }
  walk(document.root, document.root.name.replace(/^.*:/, ''))
  return out
}

/** The path of the last element that starts on or before `line`: where libxml2 reports the problem. */
function pathAtLine(paths: readonly { line: number; path: string }[], line: number): string {
  let found = paths[0]?.path ?? 'alert'
  for (const p of paths) {
    if (p.line > line) break
    found = p.path
  }
  return found
}
