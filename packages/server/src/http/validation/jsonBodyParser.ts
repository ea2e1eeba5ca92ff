import { LiaisonError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import type { App } from '../AppDeps.ts'
import { textProblem } from './textProblem.ts'

/** Deeper than any body the API takes (a multipolygon in a feature is 7); a bound for every walk after. */
export const maxJsonDepth = 64

/** The first string (value or key) unfit to store, with its path, or a body nested too deep. */
export function jsonBodyProblem(value: unknown): LiaisonError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: 'body', depth: 0 }]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { path, depth } = item
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value)
      if (problem)
        return new LiaisonError('validation_failed', `${path} ${problem}`, [{ path, message: problem }])
      continue
    }
    if (typeof item.value !== 'object' || item.value === null) continue
    if (depth >= maxJsonDepth)
      return new LiaisonError('malformed_body', `the body nests deeper than ${maxJsonDepth} levels`)
    for (const [key, child] of Object.entries(item.value)) {
      const problem = textProblem(key)
      if (problem)
        return new LiaisonError('validation_failed', `${path} has a name that ${problem}`, [
          { path, message: problem },
        ])
      stack.push({ value: child, path: `${path}/${key}`, depth: depth + 1 })
    }
  }
  return null
}

/**
 * Replaces Fastify's body parsers: JSON only (anything else answers 415), decoded as strict UTF-8
 * (invalid bytes are refused, not turned into U+FFFD), parsed with Fastify's guard against
 * `__proto__`, and refused with the path of the first string that holds a NUL or a lone surrogate.
 * `keep` is given the raw bytes (the federation routes check their digest).
 */
export function jsonBodyParser(
  app: Pick<App, 'getDefaultJsonParser' | 'removeAllContentTypeParsers' | 'addContentTypeParser'>,
  options: { readonly bodyLimit?: number; readonly keep?: (req: FastifyRequest, raw: Buffer) => void } = {},
): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  app.removeAllContentTypeParsers()
  const parserOptions = {
    parseAs: 'buffer' as const,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
  }
  app.addContentTypeParser('application/json', parserOptions, (req, body: Buffer, done) => {
    options.keep?.(req, body)
    let text: string
    try {
      text = utf8.decode(body)
    } catch {
      done(new LiaisonError('malformed_body', 'the body is not valid UTF-8'), undefined)
      return
    }
    void parse(req, text, (error, value) => {
      if (error) done(error, undefined)
      else {
        const problem = jsonBodyProblem(value)
        if (problem) done(problem, undefined)
        else done(null, value)
      }
    })
  })
}
