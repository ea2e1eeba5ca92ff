import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm'
import { cap12Namespace } from './capNamespaces.ts'
import { capSchemaText } from './schema/capSchemaText.ts'
import { describeXmlError, elementPathsByLine, pathAtLine } from '../xml/xmlElementPaths.ts'

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
    return [{ path: 'alert', message: `not well-formed XML: ${describeXmlError(error)}` }]
  }
  try {
    capValidator().validate(document)
    return []
  } catch (error) {
    if (error instanceof XmlValidateError) {
      const paths = elementPathsByLine(document, repeated)
      return error.details.map((detail) => ({
        path: pathAtLine(paths, detail.line, 'alert'),
        message: `line ${detail.line}: ${detail.message.trim()}`,
      }))
    }
    return [{ path: 'alert', message: describeXmlError(error) }]
  } finally {
    document.dispose()
  }
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
