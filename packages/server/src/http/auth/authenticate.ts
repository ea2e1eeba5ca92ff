import type {} from '@fastify/cookie'
import type { Actor, Permission, Principal, Role } from '@liaison/core'
import { LiaisonError, sessionExpiry } from '@liaison/core'
import type { FastifyRequest } from 'fastify'
import { hashSecret, sameSecret } from '../../auth/secrets.ts'
import {
  endSession,
  sessionBySecretHash,
  sessionStanding,
  tokenBySecretHash,
  tokenStanding,
  touchApiToken,
  touchSession,
} from '../../store/identity/credentialRows.ts'
import type { AppDeps } from '../AppDeps.ts'
import type { TokenCache } from './tokenCache.ts'

/** What a route asks of its caller: nothing, a session that may still be enrolling its code, or a permission. */
export type RouteAuth = 'public' | 'enrolment' | Permission

export interface RequestSession {
  readonly id: string
  readonly stage: 'signed-in' | 'enrol-totp'
  readonly csrfToken: string
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
    session: RequestSession | null
  }
  interface FastifyContextConfig {
    auth?: RouteAuth
  }
}

/** Each node its own cookie: the demo's three nodes share 127.0.0.1, and cookies ignore ports. */
export function sessionCookieName(nodeId: string): string {
  return `liaison_session_${nodeId}`
}

const touchEveryMs = 60_000

/**
 * Who presented a credential that is known but no longer valid (a revoked or expired token, one
 * whose user is disabled; an ended or expired session, a disabled account's), by the refusal
 * raised for it: its audit row, one per refusal, is then that token's or user's, for its
 * organisation, not an anonymous one counted with the others (refusalTally).
 */
export const refusedCredentialActor = new WeakMap<LiaisonError, Actor>()

/**
 * Finds who the request acts as: a bearer API token or the session cookie. Null when it presents
 * neither; an error when what it presents is not (or no longer) valid. `tokens`: a cache of the
 * token look-ups, dropped at every credential change in any process (decision 021).
 */
export async function resolvePrincipal(
  deps: AppDeps,
  req: FastifyRequest,
  tokens?: TokenCache,
): Promise<{ principal: Principal; session: RequestSession | null } | null> {
  const now = deps.clock.now()
  const authorization = req.headers.authorization
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization)
    if (!match) throw new LiaisonError('session_invalid', "the Authorization header must be 'Bearer <token>'")
    const secretHash = hashSecret(match[1]!)
    const load = () => tokenBySecretHash(deps.store.db, secretHash)
    const token = await (tokens ? tokens.find(secretHash, load) : load())
    if (!token) throw new LiaisonError('session_invalid', 'this API token is not known here')
    const refused = (error: LiaisonError): LiaisonError => {
      refusedCredentialActor.set(error, {
        kind: 'token',
        tokenId: token.id,
        tokenName: token.name,
        userId: token.user_id,
        orgId: token.org_id,
      })
      return error
    }
    if (token.revoked_at)
      throw refused(new LiaisonError('session_invalid', `API token '${token.name}' was revoked`))
    if (token.expires_at <= now)
      throw refused(
        new LiaisonError(
          'session_expired',
          `API token '${token.name}' expired on ${token.expires_at.toISOString()}`,
        ),
      )
    if (token.disabled)
      throw refused(
        new LiaisonError('session_invalid', `the user behind API token '${token.name}' is disabled`),
      )
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > touchEveryMs) {
      await touchApiToken(deps.store.db, token.id, now)
      token.last_used_at = now // the cached row too: touched once a minute, not at every request
    }
    return {
      principal: {
        kind: 'token',
        tokenId: token.id,
        tokenName: token.name,
        orgId: token.org_id,
        userId: token.user_id,
        creatorRoles: token.roles as Role[],
        scopes: token.scopes as Permission[],
      },
      session: null,
    }
  }

  const secret = req.cookies[sessionCookieName(deps.nodeId)]
  if (!secret) return null
  const session = await sessionBySecretHash(deps.store.db, hashSecret(secret))
  if (!session) throw new LiaisonError('session_invalid', 'this session is not known here; sign in again')
  const refusedSession = (error: LiaisonError): LiaisonError => {
    refusedCredentialActor.set(error, {
      kind: 'user',
      userId: session.user_id,
      username: session.username,
      orgId: session.org_id,
    })
    return error
  }
  if (session.ended_at)
    throw refusedSession(new LiaisonError('session_invalid', 'this session was ended; sign in again'))
  const expiry = sessionExpiry({ createdAt: session.created_at, lastSeenAt: session.last_seen_at }, now)
  if (expiry !== 'live') {
    await endSession(deps.store.db, session.id, now)
    throw refusedSession(
      new LiaisonError(
        'session_expired',
        expiry === 'idle'
          ? 'the session expired after a period without activity; sign in again'
          : 'the session reached its maximum length; sign in again',
      ),
    )
  }
  if (session.disabled) throw refusedSession(new LiaisonError('session_invalid', 'this account is disabled'))
  if (now.getTime() - session.last_seen_at.getTime() > touchEveryMs) {
    await touchSession(deps.store.db, session.id, now)
  }
  return {
    principal: {
      kind: 'user',
      userId: session.user_id,
      username: session.username,
      orgId: session.org_id,
      roles: session.roles as Role[],
      sessionId: session.id,
    },
    session: { id: session.id, stage: session.stage, csrfToken: session.csrf_token },
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Cookie-borne requests that change state must carry the session's CSRF token. */
export function checkCsrf(req: FastifyRequest, session: RequestSession): void {
  if (safeMethods.has(req.method)) return
  const given = req.headers['x-csrf-token']
  if (typeof given !== 'string' || given.length === 0)
    throw new LiaisonError('csrf_failed', 'the x-csrf-token header is missing')
  if (!sameSecret(given, session.csrfToken))
    throw new LiaisonError('csrf_failed', 'the x-csrf-token header does not match this session')
}

/**
 * Why a principal resolved earlier may no longer act (its session ended or expired, its token was
 * revoked or expired, its account disabled or its roles changed), or null while it still may.
 * Reads only: a long-lived connection checking itself does not count as activity.
 */
export async function credentialProblem(deps: AppDeps, principal: Principal): Promise<string | null> {
  const now = deps.clock.now()
  if (principal.kind === 'token') {
    const token = await tokenStanding(deps.store.db, principal.tokenId)
    if (!token || token.revoked_at) return 'the API token was revoked'
    if (token.expires_at <= now) return 'the API token expired'
    if (token.disabled) return 'the user behind the API token is disabled'
    return null
  }
  const session = await sessionStanding(deps.store.db, principal.sessionId)
  if (!session || session.ended_at) return 'the session was ended'
  if (sessionExpiry({ createdAt: session.created_at, lastSeenAt: session.last_seen_at }, now) !== 'live')
    return 'the session expired'
  if (session.disabled) return 'the account is disabled'
  const roles = [...(session.roles as Role[])].sort()
  if (roles.join() !== [...principal.roles].sort().join()) return "the account's roles changed"
  return null
}
