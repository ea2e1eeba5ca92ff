/**
 * Bad values for every field of a JSON schema, read from the node's OpenAPI document: a walk over
 * the schema (nested objects, arrays and unions included) that yields, for each field, a builder
 * of a whole body with a given raw JSON text in that field's place and valid values elsewhere.
 */

export type JsonSchema = Record<string, unknown>

/** Where a probe's raw JSON goes in the serialised body. */
const marker = 'PROBE-a7c3f0e9'

export interface SchemaField {
  /** The field's path: property names and, for array items, `0`. */
  readonly path: readonly string[]
  readonly schema: JsonSchema
  /** The JSON types the field accepts, or `any` (an unconstrained schema such as a geometry). */
  readonly types: ReadonlySet<string> | 'any'
  /** The whole body, serialised, with `raw` (JSON text) at this field. */
  build(raw: string): string
}

const asSchema = (value: unknown): JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : {}

const branches = (schema: JsonSchema): JsonSchema[] =>
  Array.isArray(schema.anyOf)
    ? schema.anyOf.map(asSchema)
    : Array.isArray(schema.oneOf)
      ? schema.oneOf.map(asSchema)
      : []

/** The JSON types a schema accepts. */
export function typesOf(schema: JsonSchema): ReadonlySet<string> | 'any' {
  const union = branches(schema)
  if (union.length > 0) {
    const all = new Set<string>()
    for (const branch of union) {
      const types = typesOf(branch)
      if (types === 'any') return 'any'
      for (const t of types) all.add(t)
    }
    return all
  }
  if (typeof schema.type === 'string') return new Set([schema.type === 'integer' ? 'number' : schema.type])
  if (Array.isArray(schema.type))
    return new Set(schema.type.map((t) => (t === 'integer' ? 'number' : String(t))))
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : null
  if (values) return new Set(values.map((v) => (v === null ? 'null' : typeof v)))
  return 'any'
}

/** Values for patterns the API uses; any other pattern gets 'probe' (the field probes still work). */
const patternSamples: Record<string, string> = {
  '^\\d{6}$': '123456',
  '^\\d{2}:\\d{2}$': '07:00',
  '^\\d{4}-\\d{2}-\\d{2}$': '2030-01-01',
  '^\\d{1,15}$': '1',
}

/** A valid value for a schema (as far as a schema alone can tell), using `uuid()` for ids. */
export function sample(schema: JsonSchema, uuid: () => string): unknown {
  const union = branches(schema)
  if (union.length > 0) return sample(union.find((b) => b.type !== 'null') ?? union[0]!, uuid)
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if ('const' in schema) return schema.const
  switch (schema.type) {
    case 'object': {
      const properties = asSchema(schema.properties)
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
      return Object.fromEntries(required.map((name) => [name, sample(asSchema(properties[name]), uuid)]))
    }
    case 'array':
      return typeof schema.minItems === 'number' && schema.minItems > 0
        ? [sample(asSchema(schema.items), uuid)]
        : []
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1
    case 'boolean':
      return false
    case 'string': {
      if (schema.format === 'uuid') return uuid()
      if (schema.format === 'date-time') return new Date(Date.now() - 60_000).toISOString()
      if (schema.format === 'date') return '2030-01-01'
      if (typeof schema.pattern === 'string') return patternSamples[schema.pattern] ?? 'probe'
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : 100
      return 'Probe text'.length <= max ? 'Probe text'.padEnd(min, 'x') : 'x'.repeat(Math.max(min, 1))
    }
    default:
      return null
  }
}

/** Every field of a body schema, depth first. */
export function fieldsOf(schema: JsonSchema, uuid: () => string): SchemaField[] {
  const fields: SchemaField[] = []
  const walk = (node: JsonSchema, path: string[], wrap: (value: unknown) => unknown, isField: boolean) => {
    if (isField)
      fields.push({
        path,
        schema: node,
        types: typesOf(node),
        build: (raw) => JSON.stringify(wrap(marker)).replace(JSON.stringify(marker), raw),
      })
    for (const branch of branches(node)) walk(branch, path, wrap, false)
    if (node.type === 'object') {
      const properties = asSchema(node.properties)
      for (const [name, child] of Object.entries(properties))
        walk(
          asSchema(child),
          [...path, name],
          (value) => wrap({ ...(sample(node, uuid) as object), [name]: value }),
          true,
        )
    }
    if (node.type === 'array' && node.items)
      walk(asSchema(node.items), [...path, '0'], (value) => wrap([value]), true)
  }
  walk(schema, [], (value) => value, false)
  return fields
}

export interface BadValue {
  readonly name: string
  /** JSON text, sent as it is. */
  readonly raw: string
  /** Must the node refuse it (400 naming the field), or only answer without a 500? */
  readonly refused: boolean
}

const dateTimeProbes = ['0000-01-01T00:00:00Z', '2026-06-30T23:59:60Z', '2026-02-30T10:00:00Z']
const dateProbes = ['0000-01-01', '2026-02-30']

/** The table of bad values for one field, from the types it accepts. */
export function badValues(field: SchemaField): BadValue[] {
  const accepts = (t: string) => field.types === 'any' || field.types.has(t)
  const values: BadValue[] = [
    { name: 'a NUL character', raw: '"a\\u0000b"', refused: true },
    { name: 'a lone high surrogate', raw: '"a\\ud800b"', refused: true },
    { name: 'a lone low surrogate', raw: '"\\udc00"', refused: true },
    // ordinary text may hold line breaks: only a 500 would be wrong
    {
      name: 'control characters',
      raw: '"a\\u0001\\u001b\\r\\n\\t\\u007f\\u0085b"',
      refused: !accepts('string'),
    },
    { name: '1e300', raw: '1e300', refused: true },
    { name: '2^53 + 2', raw: '9007199254740994', refused: true },
    { name: '1e400 (Infinity once parsed)', raw: '1e400', refused: true },
  ]
  if (field.types !== 'any') {
    if (!accepts('number')) values.push({ name: 'a number for a non-number', raw: '123', refused: true })
    if (!accepts('string')) {
      values.push({ name: 'a numeric string', raw: '"1"', refused: true })
      values.push({ name: 'the string "false"', raw: '"false"', refused: true })
    }
    if (!accepts('boolean')) values.push({ name: 'a boolean', raw: 'true', refused: true })
    if (!accepts('object')) values.push({ name: 'an object', raw: '{"a":1}', refused: true })
    if (!accepts('array')) values.push({ name: 'an array', raw: '["viewer"]', refused: true })
    if (!accepts('null')) values.push({ name: 'null', raw: 'null', refused: true })
  }
  for (const branch of [field.schema, ...branches(field.schema)]) {
    if (branch.format === 'date-time')
      for (const d of dateTimeProbes)
        values.push({ name: `the date-time ${d}`, raw: JSON.stringify(d), refused: true })
    if (branch.format === 'date' || branch.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
      for (const d of dateProbes)
        values.push({ name: `the date ${d}`, raw: JSON.stringify(d), refused: true })
  }
  return values
}

/** Bad values for a query parameter (text on the wire), each as the query string to send. */
export function badQueryValues(
  name: string,
  schema: JsonSchema,
): { name: string; query: string; refused: boolean }[] {
  const types = typesOf(schema)
  const accepts = (t: string) => types === 'any' || types.has(t)
  const all = [schema, ...branches(schema)]
  // free text takes anything that is text; a format, a pattern or a list of values does not
  const freeText =
    accepts('string') &&
    !all.some((b) => b.format !== undefined || b.pattern !== undefined || b.enum !== undefined)
  const values = [
    { name: 'a NUL character', query: `${name}=a%00b`, refused: true },
    { name: '1e300', query: `${name}=1e300`, refused: !freeText },
    { name: '2^53 + 2', query: `${name}=9007199254740994`, refused: !freeText },
    { name: 'control characters', query: `${name}=a%01%1B%0D%0A%09%7Fb`, refused: !freeText },
    { name: 'a broken percent escape', query: `${name}=a%zz`, refused: !freeText },
    { name: 'the parameter twice', query: `${name}=1&${name}=2`, refused: true },
  ]
  if (accepts('number') || accepts('boolean'))
    values.push({ name: 'a word for a number', query: `${name}=abc`, refused: true })
  for (const branch of all)
    if (branch.format === 'date-time')
      for (const d of dateTimeProbes)
        values.push({ name: `the date-time ${d}`, query: `${name}=${encodeURIComponent(d)}`, refused: true })
  return values
}
