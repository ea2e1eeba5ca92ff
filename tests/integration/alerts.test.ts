import { validateCapAlert } from '@liaison/core'
import type { CapAlert } from '@liaison/core'
import { validateCapXsd } from '@liaison/formats'
import { advanceAlerts, fixedClock } from '@liaison/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signIn, signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

interface AlertAnswer {
  id: string
  state: string
  version: number
  cap: CapAlert
  approvedBy: string | null
  issuedAlone: string | null
  exception: string | null
  replacesId: string | null
  issueAt: string | null
}

const area = {
  areaDesc: 'Anvers / Antwerpen',
  polygon: ['51.10,4.20 51.10,4.60 51.35,4.60 51.35,4.20 51.10,4.20'],
  circle: [],
  geocode: [],
}
const port = { areaDesc: 'Haven', polygon: [], circle: ['51.30,4.30 3'], geocode: [] }
const info = {
  language: 'nl-BE',
  category: ['CBRNE'],
  event: 'Chemische brand',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  expires: '2026-12-03T18:00:00+01:00',
  headline: 'Sluit ramen en deuren',
  description: 'Een brand in de haven geeft giftige rook.',
  instruction: 'Blijf binnen, sluit ramen en deuren.',
  parameter: [],
  resource: [],
  area: [area, port],
}
const content = (over: object = {}) => ({
  status: 'Actual',
  sender: 'alert@nccn.be',
  scope: 'Public',
  info: [info],
  channels: ['sms', 'cell-broadcast', 'feed'],
  ...over,
})

describe.each(engines.map((e) => [e.name, e] as const))('alerts with four eyes on %s', (_name, engine) => {
  const clock = fixedClock(new Date('2026-12-03T10:00:00Z'))
  let node: TestNode
  let author: TestSession & { account: { user: { id: string } } }
  let approver: TestSession & { account: TestUser }
  let second: TestSession & { account: { user: { id: string } } }
  let both: TestSession & { account: { user: { id: string } } }
  let viewer: TestSession

  const send = (s: TestSession, method: 'POST' | 'PUT', url: string, payload?: object) =>
    node.app.inject({ method, url, headers: s.headers(), ...(payload ? { payload } : {}) })
  const get = (s: TestSession, url: string) => node.app.inject({ method: 'GET', url, headers: s.headers() })
  const ok = async (r: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
    const answer = await r
    expect(answer.statusCode, answer.body).toBe(status)
    return answer.json() as AlertAnswer
  }
  const refused = async (r: Promise<{ statusCode: number; json(): unknown }>) => {
    const answer = await r
    const error = (answer.json() as { error: { code: string; reason?: string; details?: unknown } }).error
    return { status: answer.statusCode, code: error.code, reason: error.reason, details: error.details }
  }
  const draft = async (s: TestSession, over: object = {}) =>
    ok(send(s, 'POST', '/api/v1/alerts', content(over)), 201)
  const submitted = async (s: TestSession, over: object = {}) => {
    const a = await draft(s, over)
    return ok(send(s, 'POST', `/api/v1/alerts/${a.id}/submit`, { version: a.version }))
  }
  const issued = async () => {
    const a = await submitted(author)
    return ok(send(approver, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: a.version }))
  }
  const detail = async (id: string) =>
    (await get(approver, `/api/v1/alerts/${id}`)).json<{
      alert: AlertAnswer
      versions: { version: number; savedBy: string; changed: string[] }[]
      history: { action: string; outcome: string }[]
      replacedBy: string[]
      issuedXml: string | null
    }>()
  const eventKinds = async (id: string) =>
    (
      await node.deps.store.db
        .selectFrom('events')
        .select('kind')
        .where('subject', '=', id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.kind)

  beforeAll(async () => {
    node = await startTestNode(engine, { clock })
    author = await signedInAs(node, ['alert-author'])
    approver = await signedInAs(node, ['alert-approver'])
    second = await signedInAs(node, ['alert-approver'])
    both = await signedInAs(node, ['alert-author', 'alert-approver'])
    viewer = await signedInAs(node, ['viewer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('asks for the status every time: no default, and only Actual, Exercise or Test', async () => {
    const { status: _omitted, ...withoutStatus } = content()
    expect(await refused(send(author, 'POST', '/api/v1/alerts', withoutStatus))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    })
    expect((await send(author, 'POST', '/api/v1/alerts', withoutStatus)).body).toContain('status')
    expect((await send(author, 'POST', '/api/v1/alerts', content({ status: 'System' }))).statusCode).toBe(400)
    for (const status of ['Exercise', 'Test'])
      expect((await draft(author, { status })).cap.status).toBe(status)
  })

  it('refuses the author, and anyone who edited it, as approver; a second person approves and it is issued', async () => {
    const a = await draft(both)
    const edited = await ok(
      send(second, 'PUT', `/api/v1/alerts/${a.id}`, {
        version: 1,
        content: content({ info: [{ ...info, headline: 'Sluit ramen en deuren, nu' }] }),
      }),
    )
    expect(edited.version).toBe(2)
    const s = await ok(send(both, 'POST', `/api/v1/alerts/${a.id}/submit`, { version: 2 }))
    expect(s.state).toBe('submitted')
    for (const who of [both, second])
      expect(
        await refused(send(who, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 2 })),
      ).toMatchObject({
        status: 403,
        reason: 'alert_same_person',
      })
    expect(
      await refused(send(author, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 2 })),
    ).toMatchObject({
      status: 403,
    })
    expect(
      await refused(send(approver, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 1 })),
    ).toMatchObject({
      status: 409,
      reason: 'alert_stale_version',
    })
    const done = await ok(send(approver, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 2 }))
    expect(done).toMatchObject({ state: 'issued', approvedBy: approver.account.user.id, issuedAlone: null })
    const d = await detail(a.id)
    expect(d.versions.map((v) => [v.version, v.savedBy, v.changed])).toEqual([
      [1, both.account.user.id, []],
      [2, second.account.user.id, ['alert.info[0].headline']],
    ])
    expect(d.history.map((h) => [h.action, h.outcome])).toEqual([
      ['alert.draft', 'ok'],
      ['alert.edit', 'ok'],
      ['alert.submit', 'ok'],
      // the same person twice (both, second), then a stale version; the author without the
      // permission is refused at the route, before the alert is read
      ['alert.approve', 'refused'],
      ['alert.approve', 'refused'],
      ['alert.approve', 'refused'],
      ['alert.approve', 'ok'],
    ])
    expect(await eventKinds(a.id)).toEqual([
      'alert.drafted',
      'alert.edited',
      'alert.submitted',
      'alert.approved',
      'alert.issued',
    ])
    // the CAP XML as issued passes the official XSD, and the rules
    expect(d.issuedXml).toContain('<msgType>Alert</msgType>')
    expect(validateCapXsd(d.issuedXml!)).toEqual([])
    expect(validateCapAlert(d.alert.cap)).toEqual([])
  })

  it('sends back with a reason; the author edits and submits again', async () => {
    const a = await submitted(author)
    expect(
      await refused(send(approver, 'POST', `/api/v1/alerts/${a.id}/return`, { version: 1, reason: '  ' })),
    ).toMatchObject({ status: 400, reason: 'alert_reason_missing' })
    const back = await ok(
      send(approver, 'POST', `/api/v1/alerts/${a.id}/return`, { version: 1, reason: 'Te ruim gebied' }),
    )
    expect(back).toMatchObject({ state: 'returned', returnedReason: 'Te ruim gebied' })
    expect(
      await refused(send(author, 'POST', `/api/v1/alerts/${a.id}/submit`, { version: 1 })),
    ).toMatchObject({
      status: 409,
      reason: 'alert_invalid_transition',
    })
    const again = await ok(
      send(author, 'PUT', `/api/v1/alerts/${a.id}`, {
        version: 1,
        content: content({ info: [{ ...info, area: [port] }] }),
      }),
    )
    await ok(send(author, 'POST', `/api/v1/alerts/${a.id}/submit`, { version: again.version }))
    expect(await ok(send(approver, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 2 }))).toMatchObject({
      state: 'issued',
    })
    expect(await eventKinds(a.id)).toContain('alert.returned')
  })

  it('refuses a viewer any step, and an approver issuing a new alert alone', async () => {
    const a = await draft(author)
    expect(
      await refused(send(viewer, 'PUT', `/api/v1/alerts/${a.id}`, { version: 1, content: content() })),
    ).toMatchObject({ status: 403 })
    expect(
      await refused(send(viewer, 'POST', `/api/v1/alerts/${a.id}/submit`, { version: 1 })),
    ).toMatchObject({
      status: 403,
    })
    expect(
      await refused(
        send(approver, 'POST', `/api/v1/alerts/${a.id}/issue-alone`, { version: 1, exception: 'template' }),
      ),
    ).toMatchObject({ status: 403, reason: 'alert_no_exception' })
    const own = await draft(both)
    expect(
      await refused(
        send(both, 'POST', `/api/v1/alerts/${own.id}/issue-alone`, { version: 1, exception: 'cancel' }),
      ),
    ).toMatchObject({ status: 403, reason: 'alert_no_exception' })
    expect((await detail(own.id)).alert.state).toBe('draft')
  })

  it('refuses to submit what breaks the CAP rules, naming the paths', async () => {
    const a = await draft(author, { info: [{ ...info, web: 'not a uri' }] })
    expect(
      await refused(send(author, 'POST', `/api/v1/alerts/${a.id}/submit`, { version: 1 })),
    ).toMatchObject({
      status: 400,
      reason: 'alert_cap_invalid',
      details: [{ path: 'alert.info[0].web', reason: 'web_not_absolute' }],
    })
  })

  it('cancels an issued alert by one approver, at once, referencing it and marked as such', async () => {
    const original = await issued()
    const cancel = await ok(
      send(second, 'POST', `/api/v1/alerts/${original.id}/corrections`, { kind: 'Cancel' }),
      201,
    )
    expect(cancel).toMatchObject({ state: 'draft', replacesId: original.id, exception: 'cancel' })
    const late = await ok(
      send(approver, 'POST', `/api/v1/alerts/${original.id}/corrections`, { kind: 'Cancel' }),
      201,
    )
    expect(cancel.cap).toMatchObject({
      msgType: 'Cancel',
      status: 'Actual',
      scope: 'Public',
      references: `${original.cap.sender},${original.cap.identifier},${original.cap.sent}`,
    })
    expect(cancel.cap.info[0]?.area).toEqual(original.cap.info[0]?.area)
    const out = await ok(
      send(second, 'POST', `/api/v1/alerts/${cancel.id}/issue-alone`, { version: 1, exception: 'cancel' }),
    )
    expect(out).toMatchObject({ state: 'issued', approvedBy: second.account.user.id, issuedAlone: 'cancel' })
    const d = await detail(original.id)
    expect(d.alert.state).toBe('cancelled')
    expect([...d.replacedBy].sort()).toEqual([cancel.id, late.id].sort())
    expect(await eventKinds(original.id)).toContain('alert.cancelled')
    const xml = (await detail(cancel.id)).issuedXml!
    expect(validateCapXsd(xml)).toEqual([])
    expect(xml).toContain(`<references>${original.cap.sender},${original.cap.identifier},`)
    expect(
      await refused(send(second, 'POST', `/api/v1/alerts/${original.id}/corrections`, { kind: 'Update' })),
    ).toMatchObject({ status: 409, reason: 'alert_not_issued' })
    // a second Cancel drafted before the first went out cannot be issued once the alert is cancelled
    expect(
      await refused(
        send(second, 'POST', `/api/v1/alerts/${late.id}/issue-alone`, { version: 1, exception: 'cancel' }),
      ),
    ).toMatchObject({ status: 409, reason: 'alert_not_issued' })
    expect((await detail(late.id)).alert.state).toBe('draft')
  })

  it('issues a narrowing correction by one approver, and a widening one only with a second person', async () => {
    const original = await issued()
    const update = await ok(
      send(approver, 'POST', `/api/v1/alerts/${original.id}/corrections`, { kind: 'Update' }),
      201,
    )
    expect(update.cap.msgType).toBe('Update')
    const wider = await ok(
      send(approver, 'PUT', `/api/v1/alerts/${update.id}`, {
        version: 1,
        content: content({ info: [{ ...info, area: [area, port, { ...port, areaDesc: 'Gent' }] }] }),
      }),
    )
    expect(wider.exception).toBeNull()
    expect(
      await refused(
        send(approver, 'POST', `/api/v1/alerts/${update.id}/issue-alone`, {
          version: 2,
          exception: 'narrowing',
        }),
      ),
    ).toMatchObject({ status: 403, reason: 'alert_no_exception' })
    const narrower = await ok(
      send(approver, 'PUT', `/api/v1/alerts/${update.id}`, {
        version: 2,
        content: content({ info: [{ ...info, area: [port], severity: 'Moderate' }] }),
      }),
    )
    expect(narrower.exception).toBe('narrowing')
    const out = await ok(
      send(approver, 'POST', `/api/v1/alerts/${update.id}/issue-alone`, {
        version: 3,
        exception: 'narrowing',
      }),
    )
    expect(out).toMatchObject({ state: 'issued', issuedAlone: 'narrowing', replacesId: original.id })
    expect(out.cap.references).toBe(`${original.cap.sender},${original.cap.identifier},${original.cap.sent}`)
    expect((await detail(original.id)).alert.state).toBe('updated')
    expect(validateCapXsd((await detail(update.id)).issuedXml!)).toEqual([])
  })

  it('lists alerts a page at a time, newest first, and by state', async () => {
    const first = await get(author, '/api/v1/alerts?limit=2')
    const page = first.json<{ items: AlertAnswer[]; next: string | null }>()
    expect(page.items).toHaveLength(2)
    expect(page.next).not.toBeNull()
    const rest = await get(author, `/api/v1/alerts?limit=100&after=${page.next}`)
    const ids = [...page.items, ...rest.json<{ items: AlertAnswer[] }>().items].map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    const drafts = await get(author, '/api/v1/alerts?state=draft')
    expect(drafts.json<{ items: AlertAnswer[] }>().items.every((a) => a.state === 'draft')).toBe(true)
  })
  it('withdraws a scheduled alert sent back before its time', async () => {
    const a = await submitted(author)
    const at = new Date(clock.now().getTime() + 10 * 60_000)
    await ok(
      send(approver, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 1, issueAt: at.toISOString() }),
    )
    const back = await ok(
      send(second, 'POST', `/api/v1/alerts/${a.id}/return`, { version: 1, reason: 'Brand geblust' }),
    )
    expect(back).toMatchObject({ state: 'returned', approvedBy: null, issueAt: null })
    clock.advance(11 * 60_000)
    await advanceAlerts(node.deps)
    expect((await detail(a.id)).alert.state).toBe('returned')
  })

  it('issues a scheduled alert at its time, and ends an issued one at its expiry', async () => {
    const a = await submitted(author)
    const at = new Date(clock.now().getTime() + 30 * 60_000)
    const approved = await ok(
      send(approver, 'POST', `/api/v1/alerts/${a.id}/approve`, { version: 1, issueAt: at.toISOString() }),
    )
    expect(approved).toMatchObject({ state: 'approved', issueAt: at.toISOString() })
    expect(await advanceAlerts(node.deps)).toEqual({ issued: 0, expired: 0 })
    clock.advance(31 * 60_000)
    expect((await advanceAlerts(node.deps)).issued).toBe(1)
    expect((await detail(a.id)).alert.state).toBe('issued')
    expect(validateCapXsd((await detail(a.id)).issuedXml!)).toEqual([])
    clock.set(new Date('2026-12-03T17:00:01Z'))
    expect((await advanceAlerts(node.deps)).expired).toBeGreaterThanOrEqual(1)
    // hours later: a new session to read it
    approver = { ...(await signIn(node, approver.account)), account: approver.account }
    expect((await detail(a.id)).alert.state).toBe('expired')
    expect(await eventKinds(a.id)).toEqual([
      'alert.drafted',
      'alert.submitted',
      'alert.approved',
      'alert.issued',
      'alert.expired',
    ])
  })
})
