import type { Static } from 'typebox'
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as wire from './index.ts'

const jsonTypes = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'])

/** Every `type` named anywhere in a schema. */
function typesIn(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(typesIn)
  if (typeof schema !== 'object' || schema === null) return []
  const own = (schema as { type?: unknown }).type
  return [...(typeof own === 'string' ? [own] : []), ...Object.values(schema).flatMap(typesIn)]
}

/** Each property named `…At` in a schema, with its schema, wherever it is nested. */
function timeFields(schema: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => timeFields(s, `${path}[${i}]`))
  if (typeof schema !== 'object' || schema === null) return []
  const properties = (schema as { properties?: Record<string, unknown> }).properties
  return [
    ...Object.entries(properties ?? {}).flatMap(([name, s]): [string, unknown][] =>
      /At$/.test(name) ? [[`${path}.${name}`, s]] : [],
    ),
    ...Object.entries(schema).flatMap(([key, s]) => timeFields(s, `${path}/${key}`)),
  ]
}

const isTimestamp = (s: unknown): boolean => {
  const t = s as { type?: string; format?: string; anyOf?: unknown[] }
  if (t.anyOf)
    return t.anyOf.every(
      (b) => (b as { type?: string }).type === 'null' || isTimestamp(b) || isReportedTime(b),
    )
  return t.type === 'string' && t.format === 'date-time'
}

/** A reported time (decision 015): an object whose `at` is a time. */
const isReportedTime = (s: unknown): boolean => {
  const t = s as { type?: string; properties?: { at?: unknown } }
  return t.type === 'object' && t.properties?.at !== undefined && isTimestamp(t.properties.at)
}

const schemas = Object.entries(wire as Record<string, unknown>).filter(
  (entry): entry is [string, object] => typeof entry[1] === 'object' && entry[1] !== null,
)

describe('the wire schemas', () => {
  it('are many, one per wire type', () => {
    expect(schemas.length).toBeGreaterThan(80)
  })

  it.each(schemas)('%s is JSON Schema only (no Date, no functions)', (_name, schema) => {
    expect(typesIn(schema).filter((t) => !jsonTypes.has(t))).toEqual([])
    expect(JSON.parse(JSON.stringify(schema))).toEqual(JSON.parse(JSON.stringify(structuredClone(schema))))
  })

  it.each(schemas)('%s carries every time as an ISO 8601 text (format date-time)', (_name, schema) => {
    const notTimestamps = timeFields(schema)
      .filter(([, s]) => !isTimestamp(s))
      .map(([path]) => path)
    expect(notTimestamps).toEqual([])
  })

  it("gives the web a time's static type as a string, never a Date", () => {
    expectTypeOf<Static<typeof wire.CaseBody>['startsAt']>().toEqualTypeOf<string>()
    expectTypeOf<Static<typeof wire.TaskBody>['dueAt']>().toEqualTypeOf<string | null>()
    expectTypeOf<
      Static<typeof wire.HandoverBody>['report']['decisions'][number]['decidedAt']
    >().toEqualTypeOf<string>()
  })
})
