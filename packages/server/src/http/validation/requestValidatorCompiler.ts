import { Ajv } from 'ajv'
import type { AnySchemaObject } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import type { FastifySchemaCompiler } from 'fastify'
import { hardenSchema, textKeyword } from './hardenSchema.ts'
import { isSafeDate, isSafeDateTime } from './safeDates.ts'
import { textProblem } from './textProblem.ts'

function requestAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    addUsedSchema: false,
  })
  for (const [name, format] of Object.entries(fullFormats)) ajv.addFormat(name, format)
  ajv.addFormat('date-time', isSafeDateTime)
  ajv.addFormat('date', isSafeDate)
  ajv.addKeyword({
    keyword: textKeyword,
    type: 'string',
    schemaType: 'boolean',
    error: { message: 'must not contain a NUL character or a lone surrogate' },
    validate: (_enabled: boolean, data: string) => textProblem(data) === null,
  })
  return ajv
}

/**
 * JSON bodies arrive typed: a string where a number belongs is refused, never converted. Query
 * strings, path parameters and headers are text on the wire: a value is converted only to the
 * type its schema names (`?limit=5` to 5, `?flag=true` to true), and never into a list.
 */
const bodies = requestAjv(false)
const wire = requestAjv(true)

/** The node's validator compiler (see `hardenSchema` for the rules every schema gets). */
export const requestValidatorCompiler: FastifySchemaCompiler<AnySchemaObject> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodies : wire).compile(hardenSchema(schema))
