/** The keyword that `hardenSchema` puts on every string: no NUL, no lone surrogate (see textProblem). */
export const textKeyword = 'x-liaison-text'

type SchemaNode = Record<string, unknown>

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const hasType = (node: SchemaNode, type: string) =>
  node.type === type || (Array.isArray(node.type) && node.type.includes(type))

/**
 * A copy of a request schema with the rules every input obeys, so that no route has to repeat
 * them: each string is checked as text (`textKeyword`), and each number without bounds is kept
 * within ±(2^53 − 1), where it is exact in JavaScript and fits PostgreSQL's bigint.
 */
export function hardenSchema<T>(schema: T): T {
  return harden(schema) as T
}

function harden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(harden)
  if (!isNode(value)) return value
  const node: SchemaNode = {}
  for (const key of Object.keys(value)) {
    const child = value[key]
    // `properties` maps names to schemas; `enum`, `const`, `default` and `examples` are data
    if (key === 'properties' && isNode(child))
      node[key] = Object.fromEntries(Object.entries(child).map(([name, s]) => [name, harden(s)]))
    else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') node[key] = child
    else node[key] = harden(child)
  }
  if (hasType(node, 'string')) node[textKeyword] = true
  if (hasType(node, 'integer') || hasType(node, 'number')) {
    if (node.maximum === undefined && node.exclusiveMaximum === undefined)
      node.maximum = Number.MAX_SAFE_INTEGER
    if (node.minimum === undefined && node.exclusiveMinimum === undefined)
      node.minimum = -Number.MAX_SAFE_INTEGER
  }
  return node
}
