import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@liaison/core'
import { roles } from '@liaison/core'
import {
  addOrganisation,
  fixedClock,
  recordSignInFailure,
  sessionCookieName,
  sha256Hex,
  totpCode,
  verifyAuditChain,
} from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { makeUser, sessionFromResponse, signIn, signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

/** Who may call each route, from the rule table: the routes that exist today. */
const routes: {
  name: string
  request: { method: 'GET' | 'POST'; url: string; payload?: object }
  allowed: Role[]
}[] = [
  {
    name: 'read organisations',
    request: { method: 'GET', url: '/api/v1/organisations' },
    allowed: [...roles],
  },
  { name: 'list users', request: { method: 'GET', url: '/api/v1/users' }, allowed: ['admin'] },
  { name: 'list tokens', request: { method: 'GET', url: '/api/v1/tokens' }, allowed: ['admin'] },
  {
    name: 'read the audit',
    request: { method: 'GET', url: '/api/v1/audit' },
    allowed: ['admin', 'crisis-manager'],
  },
  {
    name: 'open a case',
    request: {
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'incident',
        status: 'test',
        type: 'test',
        title: 'Rule table walk',
        severity: 'minor',
      },
    },
    allowed: ['duty-officer', 'crisis-manager'],
  },
  {
    name: 'write in the daily log',
    request: {
      method: 'POST',
      url: '/api/v1/log',
      payload: { discipline: 'multidisciplinary', source: 'phone', text: 'Rule table walk' },
    },
    allowed: ['duty-officer', 'crisis-manager', 'partner'],
  },
  {
    name: 'draw up a calendar address',
    request: { method: 'POST', url: '/api/v1/calendar/feeds' },
    allowed: ['duty-officer', 'crisis-manager'],
  },
]

describe.each(engines.map((e) => [e.name, e] as const))('identity and access on %s', (_name, engine) => {
  const clock = fixedClock(new Date('2026-11-29T06:00:00Z'))
  let node: TestNode
  let admin: TestSession & { account: TestUser }
  let partnerAdmin: TestSession & { account: TestUser }

  const errorOf = (response: { statusCode: number; json(): unknown }) => ({
    status: response.statusCode,
    code: (response.json() as { error?: { code: string } }).error?.code,
  })
  const lastAudit = async () =>
    node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()

  beforeAll(async () => {
    node = await startTestNode(engine, { clock })
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police fédérale', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    admin = await signedInAs(node, ['admin'])
    partnerAdmin = await signedInAs(node, ['admin'], 'police')
  })
  afterAll(async () => {
    await node.dispose()
  })

  describe('the rule table', () => {
    const cases = roles.flatMap((role) =>
      routes.map((r) => [role, r.name, r, r.allowed.includes(role)] as const),
    )
    it.each(cases)('%s: %s → allowed %s', async (role, _n, route, allowed) => {
      const session = await signedInAs(node, [role])
      const response = await node.app.inject({ ...route.request, headers: session.headers() })
      if (allowed) expect([200, 201]).toContain(response.statusCode)
      else expect(errorOf(response)).toEqual({ status: 403, code: 'forbidden' })
      clock.advance(31_000)
    })

    it('audits a forbidden request', async () => {
      const viewer = await signedInAs(node, ['viewer'])
      await node.app.inject({ url: '/api/v1/users', headers: viewer.headers() })
      expect(await lastAudit()).toMatchObject({
        outcome: 'refused',
        code: 'forbidden',
        action: 'http:GET /api/v1/users',
        actor: `user:${viewer.account.user.username}`,
      })
    })
  })

  describe('organisations stay apart', () => {
    it("lists only the caller's organisation's users, tokens and audit", async () => {
      const users = (await node.app.inject({ url: '/api/v1/users', headers: partnerAdmin.headers() })).json<{
        items: { orgId: string }[]
      }>()
      expect(users.items.length).toBeGreaterThan(0)
      expect(new Set(users.items.map((u) => u.orgId))).toEqual(new Set([partnerAdmin.account.user.orgId]))
      const audit = await node.app.inject({ url: '/api/v1/audit', headers: partnerAdmin.headers() })
      const rows = await node.deps.store.db.selectFrom('audit').select(['seq', 'org_id']).execute()
      const own = rows.filter((r) => r.org_id === partnerAdmin.account.user.orgId).map((r) => r.seq)
      expect(
        audit
          .json<{ items: { seq: number }[] }>()
          .items.map((r) => r.seq)
          .sort((a, b) => a - b),
      ).toEqual(own.sort((a, b) => a - b))
    })

    it("refuses to change, reset or add to another organisation's users and tokens", async () => {
      const centreUser = admin.account.user
      const patch = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${centreUser.id}`,
        payload: { roles: ['viewer'] },
        headers: partnerAdmin.headers(),
      })
      expect(errorOf(patch)).toEqual({ status: 403, code: 'other_organisation' })
      const reset = await node.app.inject({
        method: 'POST',
        url: `/api/v1/users/${centreUser.id}/reset`,
        payload: { totp: true },
        headers: partnerAdmin.headers(),
      })
      expect(errorOf(reset)).toEqual({ status: 403, code: 'other_organisation' })
      const created = await node.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'centre feed', scopes: ['read'], expiresInDays: 30 },
        headers: admin.headers(),
      })
      const tokenId = created.json<{ token: { id: string } }>().token.id
      const revoke = await node.app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${tokenId}`,
        headers: partnerAdmin.headers(),
      })
      expect(errorOf(revoke)).toEqual({ status: 403, code: 'other_organisation' })
      expect(await lastAudit()).toMatchObject({
        outcome: 'refused',
        code: 'other_organisation',
        action: 'token.revoke',
      })
      const unchanged = await node.deps.store.db
        .selectFrom('users')
        .select('roles')
        .where('id', '=', centreUser.id)
        .executeTakeFirstOrThrow()
      expect(unchanged.roles).toEqual(['admin'])
    })

    it('lets an administrator of a partner organisation add users only to it', async () => {
      const added = await node.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'agent.dupont',
          displayName: 'Agent Dupont',
          roles: ['partner'],
          password: 'correct horse battery staple',
        },
        headers: partnerAdmin.headers(),
      })
      expect(added.statusCode).toBe(201)
      expect(added.json()).toMatchObject({ orgId: partnerAdmin.account.user.orgId, totpEnrolled: false })
    })
  })

  describe('sign-in', () => {
    let alice: TestUser
    beforeAll(async () => {
      alice = await makeUser(node, { roles: ['duty-officer'] })
    })
    let address = 0
    const attempt = (payload: Record<string, unknown>) =>
      node.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload,
        remoteAddress: `10.9.9.${++address}`,
      })

    it('asks for the code, refuses a wrong or replayed one, and accepts the right one once', async () => {
      clock.advance(31_000)
      expect(errorOf(await attempt({ username: alice.user.username, password: alice.password }))).toEqual({
        status: 401,
        code: 'totp_required',
      })
      expect(
        errorOf(await attempt({ username: alice.user.username, password: alice.password, code: '000000' })),
      ).toEqual({
        status: 401,
        code: 'invalid_credentials',
      })
      const code = totpCode(alice.totpSecret, clock.now().getTime())
      const ok = await attempt({ username: alice.user.username, password: alice.password, code })
      expect(ok.statusCode).toBe(200)
      expect(ok.json()).toMatchObject({
        stage: 'signed-in',
        me: {
          user: { username: alice.user.username, roles: ['duty-officer'] },
          permissions: ['cases.manage', 'cases.write', 'read'],
        },
      })
      const cookie = ok.cookies.find((c) => c.name === sessionCookieName('be'))
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' })
      expect(
        errorOf(await attempt({ username: alice.user.username, password: alice.password, code })),
      ).toEqual({ status: 401, code: 'invalid_credentials' })
    })

    it('gives an unknown user and a wrong password the same answer, and audits both', async () => {
      // without a code, neither the user nor the password is checked: both are asked for a code
      const unknownNoCode = await attempt({ username: 'nobody', password: 'whatever it is' })
      const rightNoCode = await attempt({ username: alice.user.username, password: alice.password })
      expect(unknownNoCode.json()).toEqual(rightNoCode.json())
      expect(errorOf(rightNoCode).code).toBe('totp_required')
      const unknown = await attempt({ username: 'nobody', password: 'whatever it is', code: '123456' })
      const wrong = await attempt({
        username: alice.user.username,
        password: 'not the password',
        code: '123456',
      })
      expect(unknown.json()).toEqual(wrong.json())
      expect(errorOf(wrong)).toEqual({ status: 401, code: 'invalid_credentials' })
      expect(await lastAudit()).toMatchObject({
        action: 'session.sign-in',
        outcome: 'refused',
        code: 'invalid_credentials',
        source: `10.9.9.${address}`,
        target: alice.user.id,
      })
    })

    it('delays a source after five failures for an account, whatever it sends, without keeping the owner out', async () => {
      const bob = await makeUser(node, { roles: ['viewer'] })
      const unknown = 'nobody-here'
      const from = (remoteAddress: string, payload: Record<string, unknown>) =>
        node.app.inject({ method: 'POST', url: '/api/v1/session', payload, remoteAddress })
      // sign-in is also rate-limited per address: the unknown name is tried from a second one
      const guess = (username: string, i: number) =>
        from(username === unknown ? '10.66.0.3' : '10.66.0.1', {
          username,
          password: `wrong ${i} password`,
          code: '000000',
        })
      clock.advance(61_000)
      for (let i = 0; i < 4; i++) {
        expect(errorOf(await guess(bob.user.username, i)).code).toBe('invalid_credentials')
        expect(errorOf(await guess(unknown, i)).code).toBe('invalid_credentials')
      }
      // the fifth failure imposes the first delay, for a known and an unknown name alike
      const fifth = await guess(bob.user.username, 5)
      const fifthUnknown = await guess(unknown, 5)
      expect(errorOf(fifth)).toEqual({ status: 429, code: 'rate_limited' })
      expect(fifthUnknown.json()).toEqual(fifth.json())
      expect(fifth.json()).toMatchObject({ error: { details: { retryAfterSeconds: 10 } } })
      // while it waits, that source is refused even the right password, and that costs no more
      const right = () => ({
        username: bob.user.username,
        password: bob.password,
        code: totpCode(bob.totpSecret, clock.now().getTime()),
      })
      clock.advance(5_000)
      const early = await from('10.66.0.1', right())
      expect(early.json()).toMatchObject({
        error: { code: 'rate_limited', details: { retryAfterSeconds: 5 } },
      })
      expect((await from('10.66.0.3', { username: unknown, password: 'x', code: '000000' })).json()).toEqual(
        early.json(),
      )
      // bob, from his own desk, is not kept out
      clock.advance(31_000)
      expect((await from('10.66.0.2', right())).statusCode).toBe(200)
      // once the wait is over the source may try again; another failure doubles the wait
      expect(errorOf(await guess(bob.user.username, 6))).toEqual({ status: 429, code: 'rate_limited' })
      expect((await guess(bob.user.username, 7)).json()).toMatchObject({
        error: { details: { retryAfterSeconds: 20 } },
      })
      expect(await lastAudit()).toMatchObject({
        action: 'session.sign-in',
        outcome: 'refused',
        code: 'rate_limited',
      })
      // an administrator's reset lifts the delay of every source
      const reset = await node.app.inject({
        method: 'POST',
        url: `/api/v1/users/${bob.user.id}/reset`,
        payload: { password: 'a brand new passphrase' },
        headers: admin.headers(),
      })
      expect(reset.statusCode).toBe(200)
      clock.advance(31_000)
      const after = await from('10.66.0.1', { ...right(), password: 'a brand new passphrase' })
      expect(after.statusCode).toBe(200)
    })

    it('forgets failures a day after the last one', async () => {
      const db = node.deps.store.db
      const at = clock.now()
      await recordSignInFailure(db, { username: 'tried-once', source: '10.68.0.1' }, at)
      const dayLater = new Date(at.getTime() + 24 * 3_600_000 + 1)
      await recordSignInFailure(db, { username: 'tried-later', source: '10.68.0.2' }, dayLater)
      const names = (await db.selectFrom('sign_in_failures').select('username').execute()).map(
        (r) => r.username,
      )
      expect(names).toContain('tried-later')
      expect(names).not.toContain('tried-once')
    })

    it('limits sign-in attempts from one address', async () => {
      const answers = []
      for (let i = 0; i < 12; i++)
        answers.push(
          (
            await node.app.inject({
              method: 'POST',
              url: '/api/v1/session',
              payload: { username: 'x', password: 'y' },
              remoteAddress: '10.7.7.7',
            })
          ).statusCode,
        )
      expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true)
      expect(answers.slice(10)).toEqual([429, 429])
    })
  })

  describe('sessions', () => {
    it('refuses a forged session, a missing or wrong CSRF token, and an expired session', async () => {
      const forged = await node.app.inject({
        url: '/api/v1/me',
        headers: { cookie: `${sessionCookieName('be')}=lss_forged` },
      })
      expect(errorOf(forged)).toEqual({ status: 401, code: 'session_invalid' })
      const session = await signedInAs(node, ['admin'])
      const payload = {
        username: 'csrf.victim',
        displayName: 'Victim',
        roles: ['viewer'],
        password: 'correct horse battery staple',
      }
      const noCsrf = await node.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload,
        headers: { cookie: session.cookie },
      })
      expect(errorOf(noCsrf)).toEqual({ status: 403, code: 'csrf_failed' })
      const wrongCsrf = await node.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload,
        headers: { cookie: session.cookie, 'x-csrf-token': 'guess' },
      })
      expect(errorOf(wrongCsrf)).toEqual({ status: 403, code: 'csrf_failed' })
      expect(
        await node.deps.store.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'csrf.victim')
          .executeTakeFirst(),
      ).toBeUndefined()
      clock.advance(2 * 3_600_000)
      const idle = await node.app.inject({ url: '/api/v1/me', headers: session.headers() })
      expect(errorOf(idle)).toEqual({ status: 401, code: 'session_expired' })
      expect(await lastAudit()).toMatchObject({ outcome: 'refused', code: 'session_expired' })
    })

    it('ends a session at its absolute limit even when active', async () => {
      const session = await signedInAs(node, ['viewer'])
      for (let i = 0; i < 12; i++) {
        clock.advance(59 * 60_000)
        expect((await node.app.inject({ url: '/api/v1/me', headers: session.headers() })).statusCode).toBe(
          200,
        )
      }
      clock.advance(13 * 60_000)
      const me = await node.app.inject({ url: '/api/v1/me', headers: session.headers() })
      expect(errorOf(me)).toEqual({ status: 401, code: 'session_expired' })
      expect(me.json<{ error: { message: string } }>().error.message).toContain('maximum length')
    })

    it('signs out here, and everywhere', async () => {
      const account = await makeUser(node, { roles: ['viewer'] })
      const one = await signIn(node, account)
      clock.advance(31_000)
      const two = await signIn(node, account)
      clock.advance(31_000)
      const three = await signIn(node, account)
      expect(
        (await node.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: one.headers() }))
          .statusCode,
      ).toBe(204)
      expect(errorOf(await node.app.inject({ url: '/api/v1/me', headers: one.headers() })).code).toBe(
        'session_invalid',
      )
      expect((await node.app.inject({ url: '/api/v1/me', headers: two.headers() })).statusCode).toBe(200)
      expect(
        (
          await node.app.inject({
            method: 'POST',
            url: '/api/v1/session/sign-out-everywhere',
            headers: two.headers(),
          })
        ).statusCode,
      ).toBe(204)
      expect(errorOf(await node.app.inject({ url: '/api/v1/me', headers: three.headers() })).code).toBe(
        'session_invalid',
      )
    })

    it('lets a person change their own password: the current one first, then the policy; other sessions end', async () => {
      const account = await makeUser(node, { roles: ['viewer'] })
      const here = await signIn(node, account)
      clock.advance(31_000)
      const elsewhere = await signIn(node, account)
      clock.advance(31_000)
      const change = (session: TestSession, currentPassword: string, newPassword: string) =>
        node.app.inject({
          method: 'POST',
          url: '/api/v1/me/password',
          payload: { currentPassword, newPassword },
          headers: session.headers(),
        })
      const wrong = await change(here, 'not my password at all', 'a brand new passphrase')
      expect(errorOf(wrong)).toEqual({ status: 400, code: 'validation_failed' })
      expect(wrong.json<{ error: { message: string } }>().error.message).toBe(
        'currentPassword: this is not your current password',
      )
      const counted = await node.deps.store.db
        .selectFrom('sign_in_failures')
        .select('failures')
        .where('username', '=', account.user.username)
        .executeTakeFirstOrThrow()
      expect(counted.failures).toBe(1)
      const weak = await change(here, account.password, 'short')
      expect(weak.json<{ error: { message: string } }>().error.message).toContain(
        'newPassword: must be at least 12 characters',
      )
      expect(errorOf(await change(here, account.password, account.password))).toEqual({
        status: 400,
        code: 'validation_failed',
      })

      const changed = await change(here, account.password, 'Meuse en crue, 29 novembre')
      expect(changed.json()).toEqual({ otherSessionsEnded: 1 })
      expect((await node.app.inject({ url: '/api/v1/me', headers: here.headers() })).statusCode).toBe(200)
      expect(errorOf(await node.app.inject({ url: '/api/v1/me', headers: elsewhere.headers() })).code).toBe(
        'session_invalid',
      )
      clock.advance(31_000)
      await expect(signIn(node, account)).rejects.toThrow('sign-in failed')
      clock.advance(31_000)
      const renewed = await signIn(node, { ...account, password: 'Meuse en crue, 29 novembre' })
      expect((await node.app.inject({ url: '/api/v1/me', headers: renewed.headers() })).statusCode).toBe(200)
      const after = await node.deps.store.db
        .selectFrom('users')
        .select('failed_count')
        .where('id', '=', account.user.id)
        .executeTakeFirstOrThrow()
      expect(after.failed_count).toBe(0)
      const audited = await node.deps.store.db
        .selectFrom('audit')
        .select(['outcome'])
        .where('action', '=', 'user.change-password')
        .where('target', '=', account.user.id)
        .orderBy('seq')
        .execute()
      expect(audited.map((a) => a.outcome)).toEqual(['refused', 'refused', 'refused', 'ok'])
    })
  })

  describe('one-time code enrolment', () => {
    it('lets a new user in only to enrol, then fully, in a new session', async () => {
      const carol = await makeUser(node, { roles: ['crisis-manager'], enrolled: false })
      const first = await node.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: carol.user.username, password: carol.password },
      })
      expect(first.json()).toMatchObject({ stage: 'enrol-totp', me: { permissions: [] } })
      const session = sessionFromResponse(node, first)
      expect(errorOf(await node.app.inject({ url: '/api/v1/audit', headers: session.headers() }))).toEqual({
        status: 401,
        code: 'totp_required',
      })
      const enrolment = await node.app.inject({
        method: 'POST',
        url: '/api/v1/me/totp/enrolment',
        headers: session.headers(),
      })
      const { secret, otpauthUri, qrSvg } = enrolment.json<{
        secret: string
        otpauthUri: string
        qrSvg: string
      }>()
      expect(otpauthUri).toContain(`otpauth://totp/Liaison%20BE%3A${carol.user.username}?secret=${secret}`)
      expect(qrSvg).toMatch(/^<svg/)
      const wrong = await node.app.inject({
        method: 'POST',
        url: '/api/v1/me/totp',
        payload: { code: '123456' },
        headers: session.headers(),
      })
      expect(errorOf(wrong)).toEqual({ status: 401, code: 'invalid_credentials' })
      const confirmed = await node.app.inject({
        method: 'POST',
        url: '/api/v1/me/totp',
        payload: { code: totpCode(secret, clock.now().getTime()) },
        headers: session.headers(),
      })
      expect(confirmed.json()).toMatchObject({
        stage: 'signed-in',
        me: { user: { totpEnrolled: true }, permissions: expect.arrayContaining(['audit.read']) as unknown },
      })
      // the session is reissued: a new cookie secret and CSRF token, and the enrolling one ended
      const full = sessionFromResponse(node, confirmed)
      expect(full.cookie).not.toBe(session.cookie)
      expect(full.csrf).not.toBe(session.csrf)
      expect(errorOf(await node.app.inject({ url: '/api/v1/audit', headers: session.headers() }))).toEqual({
        status: 401,
        code: 'session_invalid',
      })
      expect((await node.app.inject({ url: '/api/v1/audit', headers: full.headers() })).statusCode).toBe(200)
      expect(
        (
          await node.app.inject({
            method: 'POST',
            url: '/api/v1/session/sign-out-everywhere',
            headers: { cookie: full.cookie, 'x-csrf-token': session.csrf },
          })
        ).statusCode,
      ).toBe(403)
    })
  })

  describe('API tokens', () => {
    it('are shown once, work within their scope, and stop when revoked or expired', async () => {
      const admin = await signedInAs(node, ['admin'])
      const created = await node.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'paging gateway', scopes: ['read'], expiresInDays: 1 },
        headers: admin.headers(),
      })
      expect(created.statusCode).toBe(201)
      const { token, secret } = created.json<{ token: { id: string }; secret: string }>()
      expect(secret).toMatch(/^lia_/)
      const listed = await node.app.inject({ url: '/api/v1/tokens', headers: admin.headers() })
      expect(listed.body).not.toContain(secret)
      const bearer = { authorization: `Bearer ${secret}` }
      expect((await node.app.inject({ url: '/api/v1/organisations', headers: bearer })).statusCode).toBe(200)
      expect(errorOf(await node.app.inject({ url: '/api/v1/users', headers: bearer }))).toEqual({
        status: 403,
        code: 'insufficient_scope',
      })
      // a token needs no CSRF token, but still its scope
      expect(
        errorOf(
          await node.app.inject({
            method: 'POST',
            url: '/api/v1/tokens',
            payload: { name: 'more', scopes: ['read'], expiresInDays: 1 },
            headers: bearer,
          }),
        ),
      ).toEqual({
        status: 403,
        code: 'insufficient_scope',
      })
      clock.advance(86_400_000)
      expect(errorOf(await node.app.inject({ url: '/api/v1/organisations', headers: bearer }))).toEqual({
        status: 401,
        code: 'session_expired',
      })
      const admin2 = await signedInAs(node, ['admin'])
      const second = await node.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'feed', scopes: ['read'], expiresInDays: 30 },
        headers: admin2.headers(),
      })
      const secret2 = second.json<{ secret: string; token: { id: string } }>()
      expect(
        (
          await node.app.inject({
            method: 'DELETE',
            url: `/api/v1/tokens/${secret2.token.id}`,
            headers: admin2.headers(),
          })
        ).statusCode,
      ).toBe(204)
      expect(
        errorOf(
          await node.app.inject({
            url: '/api/v1/organisations',
            headers: { authorization: `Bearer ${secret2.secret}` },
          }),
        ),
      ).toEqual({
        status: 401,
        code: 'session_invalid',
      })
      void token
    })

    it('cannot carry more than its creator may do', async () => {
      const crisis = await signedInAs(node, ['admin'])
      const response = await node.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'too much', scopes: ['read', 'alerts.approve', 'cases.write'], expiresInDays: 1 },
        headers: crisis.headers(),
      })
      expect(errorOf(response)).toEqual({ status: 400, code: 'validation_failed' })
      // the answer names the requested scopes beyond the user, not the user's role
      const error = response.json<{ error: { message: string; details: { exceedingScopes: string[] } } }>()
        .error
      expect(error.details.exceedingScopes).toEqual(['alerts.approve', 'cases.write'])
      expect(error.message).toBe(
        `scopes: 'alerts.approve', 'cases.write' exceed what the token's user (${crisis.account.user.username}) may do; it may have: users.manage, audit.read, read`,
      )
    })
  })

  it('keeps an intact audit chain through all of this', async () => {
    expect(await verifyAuditChain(node.deps.store.db, sha256Hex)).toMatchObject({ ok: true })
  })
})
