import type { Principal } from '@liaison/core'
import { LiaisonError, permissionsOf, sessionPolicy } from '@liaison/core'
import QRCode from 'qrcode'
import { changeOwnPassword } from '../../actions/changeOwnPassword.ts'
import { confirmTotpEnrolment, startTotpEnrolment } from '../../actions/enrolTotp.ts'
import { signIn } from '../../actions/signIn.ts'
import { signOut } from '../../actions/signOut.ts'
import { findUserRow } from '../../store/identity/userRows.ts'
import { findOrganisation } from '../../store/organisations/organisationRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import type { RequestSession } from '../auth/authenticate.ts'
import { sessionCookieName } from '../auth/authenticate.ts'
import {
  MeBody,
  NoContent,
  PasswordChangeBody,
  PasswordChangedBody,
  SignInBody,
  SignedInBody,
  TotpCodeBody,
  TotpConfirmedBody,
  TotpEnrolmentBody,
  errorResponses,
} from '@liaison/wire'

function principalOf(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
  return req.principal
}

/** Everything the web shell needs to know about who is signed in. */
async function buildMe(
  deps: AppDeps,
  userId: string,
  session: { stage: RequestSession['stage']; csrfToken: string },
) {
  const user = await findUserRow(deps.store.db, { id: userId })
  if (!user) throw new LiaisonError('session_invalid', 'the user of this session no longer exists')
  const org = await findOrganisation(deps.store.db, deps.nodeId, { id: user.org_id })
  if (!org) throw new LiaisonError('internal', `organisation ${user.org_id} is missing`)
  const roles = user.roles as Parameters<typeof permissionsOf>[0]
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: [...roles],
      totpEnrolled: user.totp_enrolled_at !== null,
    },
    organisation: { id: org.id, code: org.code, name: org.name },
    node: { id: deps.nodeId, name: deps.config.node.name, country: deps.config.node.country },
    permissions: session.stage === 'signed-in' ? permissionsOf(roles) : [],
    csrfToken: session.csrfToken,
    stage: session.stage,
    demo: deps.demo !== null,
  }
}

export function sessionRoutes(app: App, deps: AppDeps): void {
  const cookie = sessionCookieName(deps.nodeId)

  app.post(
    '/api/v1/session',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['identity'],
        summary:
          'Sign in with username, password and (once enrolled) a one-time code; sets the session cookie',
        body: SignInBody,
        response: {
          200: SignedInBody,
          ...errorResponses(400, 401, 423, 429),
        },
      },
    },
    async (req, reply) => {
      const signedIn = await signIn(deps, {
        username: req.body.username,
        password: req.body.password,
        code: req.body.code,
        source: req.ip,
      })
      void reply.setCookie(cookie, signedIn.secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: sessionPolicy.absoluteMs / 1000,
      })
      return {
        stage: signedIn.stage,
        me: await buildMe(deps, signedIn.user.id, { stage: signedIn.stage, csrfToken: signedIn.csrfToken }),
      }
    },
  )

  app.get(
    '/api/v1/me',
    {
      config: { auth: 'enrolment' },
      schema: {
        tags: ['identity'],
        summary: 'Who is signed in',
        response: { 200: MeBody, ...errorResponses(401) },
      },
    },
    async (req) => {
      const principal = principalOf(req)
      if (principal.kind !== 'user' || !req.session)
        throw new LiaisonError('forbidden', 'an API token has no session')
      return buildMe(deps, principal.userId, req.session)
    },
  )

  app.delete(
    '/api/v1/session',
    {
      config: { auth: 'enrolment' },
      schema: {
        tags: ['identity'],
        summary: 'Sign out of this session',
        response: { 204: NoContent, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await signOut(deps, { principal: principalOf(req), everywhere: false, source: req.ip })
      return reply.clearCookie(cookie, { path: '/' }).status(204).send(null)
    },
  )

  app.post(
    '/api/v1/session/sign-out-everywhere',
    {
      schema: {
        tags: ['identity'],
        summary: "End every one of the user's sessions",
        response: { 204: NoContent, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      await signOut(deps, { principal: principalOf(req), everywhere: true, source: req.ip })
      return reply.clearCookie(cookie, { path: '/' }).status(204).send(null)
    },
  )

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Change your own password (the current one first); your other sessions end, this one goes on',
        body: PasswordChangeBody,
        response: {
          200: PasswordChangedBody,
          ...errorResponses(400, 401, 403, 423),
        },
      },
    },
    async (req) =>
      changeOwnPassword(deps, {
        principal: principalOf(req),
        currentPassword: req.body.currentPassword,
        newPassword: req.body.newPassword,
        source: req.ip,
      }),
  )

  app.post(
    '/api/v1/me/totp/enrolment',
    {
      config: { auth: 'enrolment' },
      schema: {
        tags: ['identity'],
        summary: 'Start enrolling a one-time code: the secret, its otpauth URI and a QR code',
        response: {
          200: TotpEnrolmentBody,
          ...errorResponses(401, 403, 409),
        },
      },
    },
    async (req) => {
      const started = await startTotpEnrolment(
        { ...deps, issuer: `Liaison ${deps.nodeId.toUpperCase()}` },
        { principal: principalOf(req), source: req.ip },
      )
      return {
        ...started,
        qrSvg: await QRCode.toString(started.otpauthUri, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        }),
      }
    },
  )

  app.post(
    '/api/v1/me/totp',
    {
      config: { auth: 'enrolment' },
      schema: {
        tags: ['identity'],
        summary: 'Confirm the one-time code enrolment with a first code',
        body: TotpCodeBody,
        response: {
          200: TotpConfirmedBody,
          ...errorResponses(400, 401, 409),
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req)
      // the enrolling session ends; the full session is a new one, with its own cookie and CSRF token
      const enrolled = await confirmTotpEnrolment(deps, { principal, code: req.body.code, source: req.ip })
      void reply.setCookie(cookie, enrolled.secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: sessionPolicy.absoluteMs / 1000,
      })
      return {
        stage: 'signed-in' as const,
        me: await buildMe(deps, enrolled.user.id, { stage: 'signed-in', csrfToken: enrolled.csrfToken }),
      }
    },
  )
}
