import { LiaisonError, actorFromPrincipal, isLiaisonError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import { requirePermission } from '../../actions/requirePermission.ts'
import { auditRefusal } from '../../audit/auditRefusal.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import type { RouteAuth } from './authenticate.ts'
import { checkCsrf, refusedCredentialActor, resolvePrincipal } from './authenticate.ts'

/**
 * Authenticates and authorises every route by its `config.auth` (`/api/v1/` routes default to `read`).
 * A refused credential or permission is audited; a request that presents no credential is not.
 */
export function authHook(app: App, deps: AppDeps): void {
  app.decorateRequest('principal', null)
  app.decorateRequest('session', null)
  app.addHook('preHandler', async (req) => {
    if (req.is404) return
    const auth: RouteAuth =
      req.routeOptions.config.auth ?? (req.url.startsWith('/api/v1/') ? 'read' : 'public')
    if (auth === 'public') return
    let presented = false
    try {
      const resolved = await resolvePrincipal(deps, req)
      if (!resolved) throw new LiaisonError('unauthenticated', 'sign in first (or send an API token)')
      presented = true
      req.principal = resolved.principal
      req.session = resolved.session
      if (resolved.session) checkCsrf(req, resolved.session)
      if (resolved.session?.stage === 'enrol-totp' && auth !== 'enrolment') {
        throw new LiaisonError('totp_required', 'finish setting up your one-time code first')
      }
      if (auth !== 'enrolment') requirePermission(resolved.principal, auth)
    } catch (error) {
      if (isLiaisonError(error) && (presented || error.code !== 'unauthenticated')) {
        await auditRefusal(deps, {
          actor: req.principal
            ? actorFromPrincipal(req.principal)
            : // a revoked or expired token is audited as that token, for its organisation
              (refusedCredentialActor.get(error) ?? { kind: 'anonymous', label: 'request' }),
          action: `http:${req.method} ${routeOf(req)}`,
          error,
          source: req.ip,
        })
      }
      throw error
    }
  })
}

function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? req.url.split('?')[0] ?? ''
}
