import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimulatedSmsc, SmtpSink } from '@liaison/sim'
import type { ChannelSimulators } from '../support/channelSimulators.ts'
import { startChannelSimulators } from '../support/channelSimulators.ts'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

/**
 * Staff paging (issue 11, capability 6; decision 044), on both engines, through the real
 * channels to the simulated SMSC and the SMTP sink on loopback: paging addresses confirmed with
 * the code that arrived; a case opened at the chosen severity pages the first person of the
 * chain; nobody acknowledging pages the second after the step's time (one second here); an SMS
 * reply and the link in the message each stop the escalation; a STOP reply from a citizen's
 * number unsubscribes it; and bad input refused with its field.
 */
const engines = await testEngines()

async function until<T>(
  what: () => T | undefined | Promise<T | undefined>,
  label: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const found = await what()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(engines)('staff paging on $name', (engine) => {
  let node: TestNode
  let channels: ChannelSimulators | undefined
  let smsc: SimulatedSmsc
  let sink: SmtpSink
  let admin: TestSession & { account: TestUser }
  let duty: TestSession & { account: TestUser }
  let first: TestSession & { account: TestUser }
  let second: TestSession & { account: TestUser }
  let number = 470_555_000
  const phones = new Map<string, string>()
  const emails = new Map<string, string>()

  const call = (
    s: TestSession | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    node.app.inject({
      method,
      url,
      headers: { ...(s ? s.headers() : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })

  const smsTo = (to: string, containing: string) =>
    until(() => smsc.received().find((m) => m.to === to && m.text.includes(containing)), `an SMS to ${to}`)

  /** Sets and confirms a user's paging phone and e-mail with the codes that arrived. */
  async function reachable(s: TestSession & { account: TestUser }) {
    const phone = `+32${++number}`
    const email = `${s.account.user.username}@centre.example.be`
    phones.set(s.account.user.id, phone)
    emails.set(s.account.user.id, email)
    const set = await call(s, 'PUT', '/api/v1/me/paging-addresses/sms', {
      address: phone.replace('+32', '0032 '),
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toMatchObject({ kind: 'sms', address: phone, confirmed: false })
    const code = /\b(\d{6})\b/.exec((await smsTo(phone, 'confirmation code')).text)![1]!
    const confirmed = await call(s, 'POST', '/api/v1/me/paging-addresses/sms/confirm', { code })
    expect(confirmed.statusCode, confirmed.body).toBe(204)
    expect((await call(s, 'PUT', '/api/v1/me/paging-addresses/email', { address: email })).statusCode).toBe(
      200,
    )
    const mail = await until(() => sink.messages.find((m) => m.rcptTo.includes(email)), 'the code by e-mail')
    const mailCode = /\b(\d{6})\b/.exec(mail.parsed.text ?? '')![1]!
    expect(
      (await call(s, 'POST', '/api/v1/me/paging-addresses/email/confirm', { code: mailCode })).statusCode,
    ).toBe(204)
    const listed = await call(s, 'GET', '/api/v1/me/paging-addresses')
    expect(listed.json()).toMatchObject({
      items: [
        { kind: 'email', address: email, confirmed: true },
        { kind: 'sms', address: phone, confirmed: true },
      ],
    })
  }

  const openCase = async (severity: string, title: string) => {
    const response = await call(duty, 'POST', '/api/v1/cases', {
      kind: 'incident',
      status: 'actual',
      type: 'flood',
      title,
      severity,
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json<{ id: string }>().id
  }

  interface PageItem {
    id: string
    caseId: string | null
    step: number
    state: string
    acknowledgedBy: string | null
    acknowledgedVia: string | null
  }
  const pagesOf = async (caseId: string) =>
    (await call(duty, 'GET', `/api/v1/paging/pages?caseId=${caseId}`)).json<{ items: PageItem[] }>().items
  const logOf = async (caseId: string) =>
    (await call(duty, 'GET', `/api/v1/cases/${caseId}/log`)).json<{
      items: { text: string; source: string }[]
    }>().items

  beforeAll(async () => {
    channels = await startChannelSimulators({ sourceAddr: '8811', from: 'duty@centre.example.be' })
    smsc = channels.smsc
    sink = channels.sink
    node = await startTestNode(engine, {
      config: {
        ...channels.config,
        'public.requestsPerMinute': 1_000_000,
        'paging.pollMs': 50,
      },
    })
    await until(() => (smsc.boundSessions() > 0 ? true : undefined), 'the SMPP bind')
    admin = await signedInAs(node, ['admin'])
    duty = await signedInAs(node, ['duty-officer'])
    first = await signedInAs(node, ['duty-officer'])
    second = await signedInAs(node, ['crisis-manager'])
    await reachable(first)
    await reachable(second)
  }, 120_000)
  afterAll(async () => {
    await node?.dispose()
    await channels?.close()
  })

  const setPolicy = (body: Record<string, unknown>, s: TestSession = admin) =>
    call(s, 'PUT', '/api/v1/paging/policy', {
      chain: [first.account.user.id, second.account.user.id],
      minSeverity: 'major',
      stepSeconds: 1,
      incomingWaitSeconds: null,
      ...body,
    })

  it('an administrator sets the chain; a user without a confirmed address, twice, or of no one is refused by field', async () => {
    const set = await setPolicy({})
    expect(set.statusCode, set.body).toBe(200)
    expect((await call(admin, 'GET', '/api/v1/paging/policy')).json()).toEqual({
      chain: [first.account.user.id, second.account.user.id],
      minSeverity: 'major',
      stepSeconds: 1,
      incomingWaitSeconds: null,
    })
    const refused = async (body: Record<string, unknown>, reason: string, field: string) => {
      const r = await setPolicy(body)
      expect(r.statusCode, r.body).toBe(400)
      const error = r.json<{ error: { reason?: string; message: string } }>().error
      expect(error.reason ?? error.message).toContain(reason)
      expect(error.message).toContain(field)
    }
    await refused(
      { chain: [first.account.user.id, duty.account.user.id] },
      'paging_user_unreachable',
      'chain/1',
    )
    await refused(
      { chain: [first.account.user.id, first.account.user.id] },
      'paging_chain_duplicate',
      'chain/1',
    )
    await refused({ chain: ['01890000-0000-7000-8000-000000000000'] }, 'paging_user_unknown', 'chain/0')
    await refused({ stepSeconds: 0 }, 'stepSeconds', 'stepSeconds')
    await refused({ stepSeconds: '1' }, 'stepSeconds', 'stepSeconds')
    await refused({ minSeverity: 'huge' }, 'minSeverity', 'minSeverity')
    await refused({ extra: true }, 'extra', 'extra')
    // only an administrator
    expect((await setPolicy({}, duty)).statusCode).toBe(403)
    expect((await call(duty, 'GET', '/api/v1/paging/policy')).statusCode).toBe(403)
    // nothing changed
    expect((await call(admin, 'GET', '/api/v1/paging/policy')).json()).toMatchObject({ stepSeconds: 1 })
  })

  it('a case below the severity pages nobody; one at it pages the first, then the second a step later; an SMS reply stops it', async () => {
    const before = smsc.received().length
    const minor = await openCase('moderate', 'Wateroverlast in Gent')
    const caseId = await openCase('major', 'Crue de la Meuse à Liège')
    const firstPhone = phones.get(first.account.user.id)!
    const secondPhone = phones.get(second.account.user.id)!
    const page1 = await smsTo(firstPhone, 'Crue de la Meuse')
    expect(page1.text).toMatch(/Reply OK \d{4}/)
    expect(page1.text).toContain('/paging/acknowledge/lpage_')
    await until(
      () =>
        sink.messages.find(
          (m) =>
            m.rcptTo.includes(emails.get(first.account.user.id)!) && (m.parsed.text ?? '').includes('Crue'),
        ),
      'the page by e-mail',
    )
    // nobody acknowledges: the second is paged after the step's second
    const page2 = await smsTo(secondPhone, 'Crue de la Meuse')
    // the second step was paged no sooner than the step's time after the first
    const steps = await node.deps.store.db
      .selectFrom('page_recipients')
      .select(['step', 'paged_at'])
      .where('page_id', '=', (await pagesOf(caseId))[0]!.id)
      .orderBy('step')
      .execute()
    expect(steps.map((r) => r.step)).toEqual([0, 1])
    expect(steps[1]!.paged_at.getTime() - steps[0]!.paged_at.getTime()).toBeGreaterThanOrEqual(1000)
    expect(page2.at.getTime()).toBeGreaterThan(page1.at.getTime())
    const code = /Reply OK (\d{4})/.exec(page2.text)![1]!
    expect(smsc.sendMo({ from: secondPhone, to: '8811', text: `ok ${code}` })).toBe(true)
    const [acknowledged] = await until(async () => {
      const pages = await pagesOf(caseId)
      return pages[0]?.state === 'acknowledged' ? pages : undefined
    }, 'the acknowledgement')
    expect(acknowledged).toMatchObject({
      step: 1,
      acknowledgedBy: second.account.user.id,
      acknowledgedVia: 'sms',
    })
    // the chain ran out of nobody: no third step, no more pages after the acknowledgement
    await sleep(1500)
    expect((await pagesOf(caseId))[0]).toMatchObject({ state: 'acknowledged', step: 1 })
    const pagesAbout = smsc
      .received()
      .slice(before)
      .filter((m) => m.text.includes('Crue de la Meuse'))
    expect(pagesAbout.map((m) => m.to)).toEqual([firstPhone, secondPhone])
    expect(
      smsc
        .received()
        .slice(before)
        .some((m) => m.text.includes('Gent')),
    ).toBe(false)
    expect(await pagesOf(minor)).toEqual([])
    // every step in the case's log
    const log = (await logOf(caseId)).filter((e) => e.source === 'paging').map((e) => e.text)
    expect(log).toHaveLength(3)
    expect(log.join('\n')).toContain(`${second.account.user.displayName} paged by SMS and e-mail (2 of 2)`)
    expect(log.join('\n')).toContain(`acknowledged by ${second.account.user.displayName} (SMS reply)`)
  })

  it('the link in the message acknowledges (GET only shows a button); the escalation stops and a second click says so', async () => {
    const caseId = await openCase('critical', 'Explosion Antwerpen haven')
    const firstPhone = phones.get(first.account.user.id)!
    const page = await smsTo(firstPhone, 'Explosion Antwerpen')
    const link = new URL(/(https?:\/\/\S+\/paging\/acknowledge\/lpage_[A-Za-z0-9_-]+)/.exec(page.text)![1]!)
    const shown = await call(null, 'GET', link.pathname)
    expect(shown.statusCode).toBe(200)
    expect(shown.body).toContain('<form method="post">')
    expect((await pagesOf(caseId))[0]?.state).toBe('paging')
    const done = await call(null, 'POST', link.pathname, 'x=1', {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.body).toContain('Acknowledged.')
    expect((await pagesOf(caseId))[0]).toMatchObject({
      state: 'acknowledged',
      step: 0,
      acknowledgedBy: first.account.user.id,
      acknowledgedVia: 'link',
    })
    await sleep(1500)
    const secondPhone = phones.get(second.account.user.id)!
    expect(smsc.received().some((m) => m.to === secondPhone && m.text.includes('Explosion'))).toBe(false)
    expect((await call(null, 'POST', link.pathname)).statusCode).toBe(409)
    expect((await call(null, 'POST', '/paging/acknowledge/lpage_' + 'A'.repeat(43))).statusCode).toBe(404)
    expect((await call(null, 'POST', '/paging/acknowledge/nope')).statusCode).toBe(400)
  })

  it('a page on request from a case pages the chain with its note; a viewer may not; a case of no one is 404', async () => {
    const caseId = await openCase('minor', 'Stroomstoring Brugge')
    const requested = await call(duty, 'POST', `/api/v1/cases/${caseId}/pages`, {
      note: 'bel de wachtdienst',
    })
    expect(requested.statusCode, requested.body).toBe(201)
    expect(requested.json()).toMatchObject({ caseId, reason: 'requested', step: 0, state: 'paging' })
    const page = await smsTo(phones.get(first.account.user.id)!, 'bel de wachtdienst')
    const code = /Reply OK (\d{4})/.exec(page.text)![1]!
    // the code alone acknowledges too
    smsc.sendMo({ from: phones.get(first.account.user.id)!, to: '8811', text: code })
    await until(
      async () => ((await pagesOf(caseId))[0]?.state === 'acknowledged' ? true : undefined),
      'the ack',
    )
    const viewer = await signedInAs(node, ['viewer'])
    expect((await call(viewer, 'POST', `/api/v1/cases/${caseId}/pages`, {})).statusCode).toBe(403)
    expect(
      (await call(duty, 'POST', `/api/v1/cases/01890000-0000-7000-8000-000000000000/pages`, {})).statusCode,
    ).toBe(404)
    expect((await call(duty, 'POST', `/api/v1/cases/${caseId}/pages`, { note: 5 })).statusCode).toBe(400)
    expect((await call(duty, 'POST', `/api/v1/cases/${caseId}/pages`, { note: '' })).statusCode).toBe(400)
  })

  it("a partner's item still unacknowledged when its check comes due pages the chain, in the daily log; an acknowledged one pages nobody", async () => {
    const db = node.deps.store.db
    const now = new Date()
    await db
      .insertInto('peers')
      .values({
        node_id: 'nl',
        base_url: 'http://127.0.0.1:9',
        statuses: ['actual'],
        tlp: ['AMBER'],
        distributions: ['case'],
        added_at: now,
        added_by: 'test',
        changed_at: now,
        changed_by: 'test',
      })
      .onConflict((oc) => oc.doNothing())
      .execute()
    const centre = await db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', 'centre')
      .executeTakeFirstOrThrow()
    const item = (id: string, title: string, acknowledged: boolean) => ({
      origin: 'nl',
      kind: 'case' as const,
      id,
      peer: 'nl',
      case_id: id,
      owner_org_id: 'nl:centre',
      status: 'actual' as const,
      tlp: 'AMBER',
      distribution: JSON.stringify({ kind: 'case' }),
      audience: [centre.id],
      title,
      item: JSON.stringify({}),
      event_id: id,
      changed_at: now,
      received_at: now,
      acknowledged_at: acknowledged ? now : null,
    })
    await db
      .insertInto('received_items')
      .values([
        item('nl-case-1', 'Dijkdoorbraak Zeeland', false),
        item('nl-case-2', 'Brand Maastricht', true),
      ])
      .execute()
    // the checks the paging processor queues when the items arrive, come due now
    await node.queue.enqueue(
      ['nl-case-1', 'nl-case-2'].map((id) => ({
        topic: 'paging',
        payload: { type: 'incoming', orgId: centre.id, item: { origin: 'nl', kind: 'case', id } },
      })),
    )
    const page = await smsTo(phones.get(first.account.user.id)!, 'Dijkdoorbraak Zeeland')
    expect(page.text).toContain('an item from a partner centre waits unacknowledged')
    const daily = (await call(duty, 'GET', '/api/v1/log')).json<{
      items: { text: string; source: string }[]
    }>().items
    expect(daily.some((e) => e.source === 'paging' && e.text.includes('Dijkdoorbraak Zeeland'))).toBe(true)
    await sleep(500)
    expect(smsc.received().some((m) => m.text.includes('Brand Maastricht'))).toBe(false)
    const code = /Reply OK (\d{4})/.exec(page.text)![1]!
    smsc.sendMo({ from: phones.get(first.account.user.id)!, to: '8811', text: `ACK ${code}` })
    await until(async () => {
      const pages = (await call(duty, 'GET', '/api/v1/paging/pages')).json<{
        items: { caseId: string | null; state: string }[]
      }>().items
      return pages.find((p) => p.caseId === null)?.state === 'acknowledged' ? true : undefined
    }, 'the acknowledgement of the partner page')
  })

  it('a STOP reply from a registered citizen unsubscribes that number; other replies change nothing', async () => {
    const publicApp = node.publicApp!
    const citizen = '+32471999001'
    const registered = await publicApp.inject({
      method: 'POST',
      url: '/public/v1/subscribers',
      remoteAddress: '198.51.100.77',
      headers: { host: '127.0.0.1' },
      payload: {
        addresses: [
          { kind: 'sms', address: citizen },
          { kind: 'email', address: 'burger@example.be' },
        ],
        places: [],
        languages: ['nl'],
      },
    })
    expect(registered.statusCode, registered.body).toBe(201)
    const token = registered.json<{ token: string }>().token
    const addresses = async () =>
      (
        await publicApp.inject({
          method: 'GET',
          url: '/public/v1/subscriber',
          remoteAddress: '198.51.100.77',
          headers: { host: '127.0.0.1', authorization: `Bearer ${token}` },
        })
      ).json<{ addresses: { kind: string; address: string }[] }>().addresses
    expect((await addresses()).map((a) => a.kind)).toEqual(['sms', 'email'])
    smsc.sendMo({ from: citizen, to: '8811', text: 'hello?' })
    await sleep(300)
    expect(await addresses()).toHaveLength(2)
    smsc.sendMo({ from: citizen, to: '8811', text: 'Stopp' })
    await until(async () => ((await addresses()).length === 1 ? true : undefined), 'the unsubscribe')
    expect((await addresses()).map((a) => a.kind)).toEqual(['email'])
  })

  it('refuses bad paging addresses and codes by field, and counts wrong codes', async () => {
    const s = await signedInAs(node, ['duty-officer'])
    const bad = async (kind: string, payload: unknown, status = 400) => {
      const r = await call(s, 'PUT', `/api/v1/me/paging-addresses/${kind}`, payload)
      expect(r.statusCode, r.body).toBe(status)
      return r.json<{ error: { message: string } }>().error.message
    }
    expect(await bad('sms', { address: '+1 202 555 0100' })).toContain('address')
    expect(await bad('sms', { address: 32470 })).toContain('address')
    expect(await bad('email', { address: 'not an address' })).toContain('address')
    expect(await bad('fax', { address: '+32470000000' })).toContain('kind')
    expect(await bad('sms', {})).toContain('address')
    expect(
      (await call(s, 'POST', '/api/v1/me/paging-addresses/sms/confirm', { code: '123456' })).statusCode,
    ).toBe(404)
    expect(
      (await call(s, 'PUT', '/api/v1/me/paging-addresses/sms', { address: '+32470999888' })).statusCode,
    ).toBe(200)
    expect(
      (await call(s, 'POST', '/api/v1/me/paging-addresses/sms/confirm', { code: '12345' })).statusCode,
    ).toBe(400)
    for (let i = 0; i < 5; i++) {
      const wrong = await call(s, 'POST', '/api/v1/me/paging-addresses/sms/confirm', { code: '000000' })
      // (a one-in-a-million chance that the code really is 000000)
      expect(wrong.statusCode).toBe(401)
    }
    const spent = await call(s, 'POST', '/api/v1/me/paging-addresses/sms/confirm', { code: '000000' })
    expect(spent.statusCode).toBe(429)
    expect((await call(s, 'DELETE', '/api/v1/me/paging-addresses/sms')).statusCode).toBe(204)
    expect((await call(s, 'DELETE', '/api/v1/me/paging-addresses/sms')).statusCode).toBe(404)
    expect((await call(null, 'GET', '/api/v1/me/paging-addresses')).statusCode).toBe(401)
  })
})
