import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { LiaisonError, actorFromPrincipal, isLiaisonError } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { auditRefusal, auditedErrors } from '../audit/auditRefusal.ts'
import { databaseRefusal } from '../store/databaseRefusal.ts'

/** Maps anything thrown while answering a request to the one error body. */
export function toLiaisonError(error: FastifyError | Error, contentType?: string): LiaisonError {
  if (isLiaisonError(error)) return error
  const fe = error as FastifyError
  if (fe.validation) {
    const details = fe.validation.map((v) => ({
      path: `${fe.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.message ?? 'is invalid',
      ...(v.params && 'missingProperty' in v.params ? { missing: v.params.missingProperty } : {}),
      ...(v.params && 'additionalProperty' in v.params ? { unexpected: v.params.additionalProperty } : {}),
    }))
    const summary = details
      .map(
        (d) =>
          `${d.path}${'missing' in d ? `/${String(d.missing)}` : ''}${'unexpected' in d ? `/${String(d.unexpected)}` : ''} ${d.message}`,
      )
      .join('; ')
    return new LiaisonError('validation_failed', summary, details)
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new LiaisonError('payload_too_large', fe.message)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new LiaisonError(
        'unsupported_media_type',
        `content type '${contentType ?? '(none)'}' is not accepted here; send application/json`,
      )
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new LiaisonError('malformed_body', fe.message)
    case 'FST_ERR_BAD_URL':
      return new LiaisonError(
        'validation_failed',
        `path: not a valid URL path (a broken percent escape): ${fe.message}`,
        [{ path: 'path', message: 'a broken percent escape' }],
      )
    case 'FST_ERR_MAX_PARAM_LENGTH':
      // a path segment longer than the router reads (100 characters) names nothing here
      return new LiaisonError('not_found', 'no such route or item: a path segment is too long', [
        { path: 'path', message: 'a segment longer than 100 characters' },
      ])
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new LiaisonError('malformed_body', fe.message)
    default:
      break
  }
  if (error instanceof SyntaxError && fe.statusCode === 400)
    return new LiaisonError('malformed_body', `the body is not valid JSON: ${error.message}`)
  const refusal = databaseRefusal(error)
  if (refusal) return refusal
  if (fe.statusCode === 429) return new LiaisonError('rate_limited', fe.message)
  if (fe.statusCode === 413) return new LiaisonError('payload_too_large', fe.message)
  if (fe.statusCode === 415) {
    return new LiaisonError(
      'unsupported_media_type',
      `content type '${contentType ?? '(none)'}' is not accepted here`,
    )
  }
  // any other of Fastify's own refusals of a request (FST_ERR_…, 4xx) is the request's fault
  if (typeof fe.code === 'string' && fe.code.startsWith('FST_') && fe.statusCode === 400)
    return new LiaisonError('malformed_body', fe.message)
  return new LiaisonError('internal', 'an unexpected error occurred; its request id is in the logs')
}

/** Refusals of access that the edge audits when no action or hook did already. */
const accessRefusals = new Set(['forbidden', 'other_organisation', 'insufficient_scope'])

export function errorHandler(deps: ActionDeps) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const mapped = toLiaisonError(error, request.headers['content-type'])
    if (mapped.code === 'internal') request.log.error({ err: error }, 'request failed')
    else
      request.log.info(
        { code: mapped.code, reason: mapped.reason, message: mapped.message },
        'request refused',
      )
    if (accessRefusals.has(mapped.code) && !auditedErrors.has(mapped)) {
      // a read of another organisation's data, refused by a route: audited like any refusal
      await auditRefusal(deps, {
        actor: request.principal
          ? actorFromPrincipal(request.principal)
          : { kind: 'anonymous', label: 'request' },
        action: `http:${request.method} ${request.routeOptions.url ?? request.url.split('?')[0] ?? ''}`,
        error: mapped,
        source: request.ip,
        target: request.url.split('?')[0] ?? null,
      })
    }
    await reply.status(mapped.httpStatus).send(mapped.toBody())
  }
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  const error = new LiaisonError('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)
  void reply.status(error.httpStatus).send(error.toBody())
}
