import { LiaisonError, actorFromPrincipal, isLiaisonError } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import { requirePermission } from '../../actions/requirePermission.ts'
import { auditRefusal } from '../../audit/auditRefusal.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import type { RouteAuth } from './authenticate.ts'
import { checkCsrf, refusedCredentialActor, resolvePrincipal, sessionCookieName } from './authenticate.ts'
import { failedAuthBudget, failedAuthCodes } from './failedAuthBudget.ts'
import { refusalTally } from './refusalTally.ts'
import { tokenCache } from './tokenCache.ts'

/**
 * Authenticates and authorises every route by its `config.auth` (`/api/v1/` routes default to `read`).
 * A refused permission, or a refused credential that names someone (a revoked token, a failed
 * CSRF check), is audited one row each; a credential that names nobody, and a source past its
 * budget, are counted per source and window and audited one row per window (refusalTally); a
 * request that presents no credential is not audited. Failed authentications spend the source's
 * budget (failedAuthBudget): past it, 429 without lookups.
 */
export function authHook(app: App, deps: AppDeps): void {
  const budget = failedAuthBudget(deps)
  const tally = refusalTally(deps)
  const tokens = tokenCache(deps.store, deps.log)
  app.addHook('onClose', async () => {
    await tally.flush()
    await tokens.close()
  })
  app.decorateRequest('principal', null)
  app.decorateRequest('session', null)
  const routeAuth = (req: FastifyRequest): RouteAuth =>
    req.routeOptions.config.auth ?? (req.url.startsWith('/api/v1/') ? 'read' : 'public')
  const cookieName = sessionCookieName(deps.nodeId)
  // a source past its budget is refused as soon as the request is routed, before its body is read
  // or its input validated: the cheapest answer for a flood (the cookie is not parsed yet: its
  // name in the header is taken as a credential)
  const refuseSpent = (req: FastifyRequest, credential: boolean): void => {
    const spent = credential ? budget.spent(req.ip) : null
    if (!spent) return
    tally.count(req.ip, spent.code)
    throw spent
  }
  app.addHook('onRequest', async (req) => {
    if (req.is404 || routeAuth(req) === 'public') return
    refuseSpent(
      req,
      req.headers.authorization !== undefined || (req.headers.cookie ?? '').includes(`${cookieName}=`),
    )
  })
  app.addHook('preHandler', async (req) => {
    if (req.is404) return
    const auth = routeAuth(req)
    if (auth === 'public') return
    // again: the source may have spent its budget while this request was read
    refuseSpent(req, req.headers.authorization !== undefined || req.cookies[cookieName] !== undefined)
    let presented = false
    try {
      const resolved = await resolvePrincipal(deps, req, tokens)
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
      if (isLiaisonError(error) && failedAuthCodes.has(error.code)) {
        const refused = await budget.failed(req.ip)
        if (refused) {
          tally.count(req.ip, refused.code)
          throw refused
        }
      }
      if (isLiaisonError(error) && (presented || error.code !== 'unauthenticated')) {
        const actor = req.principal
          ? actorFromPrincipal(req.principal)
          : // a revoked or expired token is audited as that token, for its organisation
            refusedCredentialActor.get(error)
        if (actor)
          await auditRefusal(deps, {
            actor,
            action: `http:${req.method} ${routeOf(req)}`,
            error,
            source: req.ip,
          })
        // a credential that names nobody: counted, one audit row per source and window
        else tally.count(req.ip, error.code)
      }
      throw error
    }
  })
}

function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? req.url.split('?')[0] ?? ''
}
