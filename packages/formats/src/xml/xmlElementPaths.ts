import type { XmlDocument, XmlTreeNode } from 'libxml2-wasm'
import { XmlElement } from 'libxml2-wasm'

/** An element's path (`alert.info[0].area[1].polygon[0]`) and the line it starts on. */
export interface ElementPath {
  readonly line: number
  readonly path: string
}

/**
 * Each element's path with the line it starts on, in document order, so that a schema problem
 * that libxml2 reports by line is named by its path, as the CAP and EDXL readers name theirs.
 * Namespace prefixes are dropped; the elements in `repeated` carry their index.
 */
export function elementPathsByLine(document: XmlDocument, repeated: ReadonlySet<string>): ElementPath[] {
  const out: ElementPath[] = []
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

/** The path of the last element that starts on or before `line` (where libxml2 reports a problem), else `fallback`. */
export function pathAtLine(paths: readonly ElementPath[], line: number, fallback: string): string {
  let found = paths[0]?.path ?? fallback
  for (const p of paths) {
    if (p.line > line) break
    found = p.path
  }
  return found
}

/** An error's message for a problem report. */
export function describeXmlError(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error)
}
