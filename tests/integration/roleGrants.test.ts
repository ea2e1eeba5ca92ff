import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

/** Who may grant which role (the allow-list per organisation), self-grants, and a revoked token's audit. */
describe.each(engines.map((e) => [e.name, e] as const))('granting roles on %s', (_name, engine) => {
  let node: TestNode
  let centreAdmin: Session
  let policeAdmin: Session
  let policeId: string

  const errorOf = (r: { statusCode: number; json(): unknown }) => ({
    status: r.statusCode,
    code: (r.json() as { error?: { code: string } }).error?.code,
  })
  const send = (s: Session, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    node.app.inject({ method, url, headers: s.headers(), ...(payload ? { payload } : {}) })
  const addUser = (s: Session, username: string, roles: string[]) =>
    send(s, 'POST', '/api/v1/users', {
      username,
      displayName: `User ${username}`,
      roles,
      password: 'correct horse battery staple',
    })
  const lastAudit = async () =>
    node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()

  beforeAll(async () => {
    node = await startTestNode(engine)
    policeId = (
      await addOrganisation(node.deps, {
        organisation: { code: 'police', name: 'Police fédérale', kind: 'partner', country: 'BE' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
    ).id
    centreAdmin = await signedInAs(node, ['admin'])
    policeAdmin = await signedInAs(node, ['admin'], 'police')
  })
  afterAll(async () => {
    await node.dispose()
  })

  it("shows each partner's allow-list, the default one to begin with", async () => {
    const police = (
      await node.app.inject({ url: '/api/v1/organisations/police', headers: policeAdmin.headers() })
    ).json<unknown>()
    expect(police).toMatchObject({ code: 'police', grantableRoles: ['viewer', 'partner', 'duty-officer'] })
  })

  it("lets a partner's administrator grant only the roles on its list", async () => {
    expect((await addUser(policeAdmin, 'agent-dupont', ['viewer', 'duty-officer'])).statusCode).toBe(201)
    const beyond = await addUser(policeAdmin, 'commissaire-leroy', ['duty-officer', 'crisis-manager'])
    expect(errorOf(beyond)).toEqual({ status: 403, code: 'forbidden' })
    expect(beyond.json<{ error: { message: string } }>().error.message).toContain(
      'may not grant crisis-manager',
    )
    expect(await lastAudit()).toMatchObject({ action: 'user.add', outcome: 'refused', org_id: policeId })
    const dupont = (await node.app.inject({ url: '/api/v1/users', headers: policeAdmin.headers() }))
      .json<{ items: { id: string; username: string }[] }>()
      .items.find((u) => u.username === 'agent-dupont')!
    expect(
      errorOf(await send(policeAdmin, 'PATCH', `/api/v1/users/${dupont.id}`, { roles: ['viewer', 'admin'] })),
    ).toEqual({ status: 403, code: 'forbidden' })
    // the centre's own administrator grants any role in the centre
    expect(
      (await addUser(centreAdmin, 'chef-de-salle', ['crisis-manager', 'alert-approver'])).statusCode,
    ).toBe(201)
  })

  it("lets only the centre's administrator widen a partner's list", async () => {
    const widen = { grantableRoles: ['viewer', 'partner', 'duty-officer', 'crisis-manager'] }
    expect(errorOf(await send(policeAdmin, 'PATCH', '/api/v1/organisations/police', widen))).toEqual({
      status: 403,
      code: 'other_organisation',
    })
    const unknown = await send(centreAdmin, 'PATCH', '/api/v1/organisations/police', {
      grantableRoles: ['mayor'],
    })
    expect(errorOf(unknown)).toEqual({ status: 400, code: 'validation_failed' })
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain(
      "roles: 'mayor' is not a role",
    )
    const widened = await send(centreAdmin, 'PATCH', '/api/v1/organisations/police', widen)
    expect(widened.statusCode).toBe(200)
    expect(widened.json()).toMatchObject({
      grantableRoles: ['duty-officer', 'crisis-manager', 'partner', 'viewer'],
    })
    expect(await lastAudit()).toMatchObject({
      action: 'organisation.grantable-roles',
      outcome: 'ok',
      org_id: policeId,
    })
    expect((await addUser(policeAdmin, 'commissaire-leroy', ['crisis-manager'])).statusCode).toBe(201)
    expect(errorOf(await send(centreAdmin, 'PATCH', '/api/v1/organisations/centre', widen))).toMatchObject({
      status: 409,
    })
  })

  it('audits granting oneself a role as such, and shows it on the audit page', async () => {
    const self = await send(centreAdmin, 'PATCH', `/api/v1/users/${centreAdmin.account.user.id}`, {
      roles: ['admin', 'crisis-manager'],
    })
    expect(self.statusCode).toBe(200)
    const row = await lastAudit()
    expect(row).toMatchObject({ action: 'user.update', outcome: 'ok', target: centreAdmin.account.user.id })
    expect(row.details).toMatchObject({ granted: ['crisis-manager'], selfGranted: ['crisis-manager'] })
    const page = (await node.app.inject({ url: '/api/v1/audit', headers: centreAdmin.headers() })).json<{
      items: { seq: number; selfGranted: string[] | null }[]
    }>()
    expect(page.items.find((i) => i.seq === Number(row.seq))?.selfGranted).toEqual(['crisis-manager'])
    // granting someone else a role is not a self-grant
    const other = await signedInAs(node, ['viewer'])
    await send(centreAdmin, 'PATCH', `/api/v1/users/${other.account.user.id}`, {
      roles: ['viewer', 'partner'],
    })
    expect((await lastAudit()).details).not.toHaveProperty('selfGranted')
  })

  it('audits the use of a revoked API token for the organisation that owned it', async () => {
    const created = await send(policeAdmin, 'POST', '/api/v1/tokens', {
      name: 'gateway',
      scopes: ['read'],
      expiresInDays: 7,
    })
    expect(created.statusCode).toBe(201)
    const { token, secret } = created.json<{ token: { id: string }; secret: string }>()
    expect((await send(policeAdmin, 'DELETE', `/api/v1/tokens/${token.id}`)).statusCode).toBe(204)
    const used = await node.app.inject({
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(errorOf(used)).toEqual({ status: 401, code: 'session_invalid' })
    const row = await lastAudit()
    expect(row).toMatchObject({ outcome: 'refused', code: 'session_invalid', org_id: policeId })
    expect(row.actor).toMatch(/^token:gateway#/)
    const page = (await node.app.inject({ url: '/api/v1/audit', headers: policeAdmin.headers() })).json<{
      items: { seq: number }[]
    }>()
    expect(page.items.map((i) => i.seq)).toContain(Number(row.seq))
  })
})
