import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm'
import { edxlDe20Namespace, emsi2015Namespace } from './edxlNamespaces.ts'
import type { EdxlProblem } from './EdxlCase.ts'
import { describeXmlError, elementPathsByLine, pathAtLine } from '../xml/xmlElementPaths.ts'

/**
 * The schema files, by their path under `schema/` (`edxl-de-v2.0/edxl-de-v2.0-oasis-cs02.xsd`,
 * `emsi-2015/emsi.2015.xsd` and what they import), as bytes: formats reads no files, its caller
 * does.
 */
export type EdxlSchemaFiles = Readonly<Record<string, Uint8Array>>

const scheme = 'liaison-edxl-schema:/'

/** One schema importing both: the EDXL-DE payload is `processContents="strict"`, so EMSI must be known. */
const wrapper = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="${edxlDe20Namespace}" schemaLocation="edxl-de-v2.0/edxl-de-v2.0-oasis-cs02.xsd"/>
  <xs:import namespace="${emsi2015Namespace}" schemaLocation="emsi-2015/emsi.2015.xsd"/>
</xs:schema>`

const compiled = new WeakMap<EdxlSchemaFiles, XsdValidator>()

function validatorFor(files: EdxlSchemaFiles): XsdValidator {
  const known = compiled.get(files)
  if (known !== undefined) return known
  const buffers: Record<string, Uint8Array> = {}
  for (const [path, bytes] of Object.entries(files)) buffers[`${scheme}${path}`] = bytes
  xmlRegisterInputProvider(new XmlBufferInputProvider(buffers))
  const schema = XmlDocument.fromString(wrapper, { url: `${scheme}wrapper.xsd` })
  try {
    const validator = XsdValidator.fromDoc(schema)
    compiled.set(files, validator)
    return validator
  } finally {
    schema.dispose()
  }
}

/**
 * Validates an EDXL-DE 2.0 distribution, and the EMSI message it embeds, against the OASIS EDXL-DE
 * 2.0 schema and the EMSI 2015 schema (libxml2 compiled to WebAssembly; compiled once per set of
 * files). Problems are named by element path, as the CAP validator names them.
 */
export function validateEdxlXsd(xml: string, files: EdxlSchemaFiles): EdxlProblem[] {
  const undeclared = xml.replace(/^\uFEFF?<\?xml[^>]*\?>/, '')
  let document: XmlDocument
  try {
    document = XmlDocument.fromString(undeclared)
  } catch (error) {
    return [{ path: 'edxlDistribution', message: `not well-formed XML: ${describeXmlError(error)}` }]
  }
  try {
    validatorFor(files).validate(document)
    return []
  } catch (error) {
    if (error instanceof XmlValidateError) {
      const paths = elementPathsByLine(document, edxlRepeated)
      return error.details.map((detail) => ({
        path: pathAtLine(paths, detail.line, 'edxlDistribution'),
        message: `line ${detail.line}: ${detail.message.trim()}`,
      }))
    }
    return [{ path: 'edxlDistribution', message: describeXmlError(error) }]
  } finally {
    document.dispose()
  }
}

/** The elements that may repeat: their paths carry an index. */
export const edxlRepeated: ReadonlySet<string> = new Set([
  'contentObject',
  'contentKeyword',
  'keyword',
  'incidentID',
  'incidentDescription',
  'egeo',
  'coord',
  'casualties',
  'evac',
  'category',
  'Value',
])
