import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '@liaison/server'
import { citizenLimits } from '@liaison/server'
import type { SimulatedSmsc, SmtpSink } from '@liaison/sim'
import type { ChannelSimulators } from '../support/channelSimulators.ts'
import { startChannelSimulators } from '../support/channelSimulators.ts'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

/**
 * Citizen registration on the public listener (issue 11, decision 040), on both engines, with
 * the codes going out through the real channels to the simulated SMSC and the SMTP sink on
 * loopback: register, confirm, wrong codes limited, export, change, unsubscribe, erasure,
 * rate limits, and the refusals of bad input.
 */
const engines = await testEngines()

async function until<T>(what: () => T | undefined, label: string): Promise<T> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const found = what()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1]

describe.each(engines)('citizen registration on $name', (engine) => {
  let node: TestNode
  let app: App
  let channels: ChannelSimulators | undefined
  let smsc: SimulatedSmsc
  let sink: SmtpSink
  let ip = 0
  /** Each test its own client address, so that the per-address limits count only its own requests. */
  const nextIp = () => `198.51.100.${++ip}`

  beforeAll(async () => {
    channels = await startChannelSimulators()
    smsc = channels.smsc
    sink = channels.sink
    node = await startTestNode(engine, {
      config: {
        ...channels.config,
        'public.requestsPerMinute': 1_000_000,
      },
    })
    app = node.publicApp!
  }, 120_000)
  afterAll(async () => {
    await node?.dispose()
    await channels?.close()
  })

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> } = {},
  ) =>
    app.inject({
      method,
      url,
      remoteAddress: options.ip ?? '203.0.113.9',
      headers: {
        host: '127.0.0.1',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { payload: options.body as Record<string, unknown> }),
    })

  interface Registered {
    token: string
    subscriber: {
      id: string
      addresses: { id: string; kind: string; address: string; confirmed: boolean }[]
      places: unknown[]
      languages: string[]
      deliveries: { state: string; purpose: string }[]
    }
  }

  let phone = 470_000_100
  async function register(extra: Record<string, unknown> = {}, ip = nextIp()) {
    const number = `+32${++phone}`
    const answer = await call('POST', '/public/v1/subscribers', {
      ip,
      body: {
        addresses: [
          { kind: 'sms', address: number },
          { kind: 'email', address: `Person.${phone}@Example.BE` },
        ],
        places: [
          { label: 'home', lon: 4.3517, lat: 50.8503, areaCode: '21004' },
          { label: 'school', lon: 5.5797, lat: 50.6326 },
        ],
        languages: ['nl-BE', 'fr'],
        wantsExercise: true,
        ...extra,
      },
    })
    expect(answer.statusCode, answer.body).toBe(201)
    return { number, email: `person.${phone}@example.be`, ...answer.json<Registered>() }
  }

  it('registers two places and two languages; the codes arrive at the SMSC and the sink, in Dutch, and confirm', async () => {
    const r = await register()
    expect(r.token).toMatch(/^lsub_/)
    expect(r.subscriber.places).toHaveLength(2)
    expect(r.subscriber.languages).toEqual(['nl-BE', 'fr'])
    expect(r.subscriber.addresses.map((a) => [a.kind, a.address, a.confirmed])).toEqual([
      ['sms', r.number, false],
      ['email', r.email, false],
    ])
    const sms = await until(() => smsc.received().find((m) => m.to === r.number), 'the SMS')
    expect(sms.text).toContain('bevestigingscode')
    const mail = await until(() => sink.messages.find((m) => m.rcptTo.includes(r.email)), 'the e-mail')
    expect(mail.parsed.text).toContain('bevestigingscode')
    expect(mail.parsed.headers.get('list-unsubscribe')?.[0]).toContain('/public/v1/unsubscribe/lunsub_')
    const smsCode = codeIn(sms.text)!
    const mailCode = codeIn(mail.parsed.text ?? '')!
    const [smsAddress, mailAddress] = r.subscriber.addresses
    for (const [address, code] of [
      [smsAddress!, smsCode],
      [mailAddress!, mailCode],
    ] as const) {
      const confirmed = await call('POST', `/public/v1/subscriber/addresses/${address.id}/confirm`, {
        token: r.token,
        body: { code },
      })
      expect(confirmed.statusCode, confirmed.body).toBe(204)
    }
    const held = (await call('GET', '/public/v1/subscriber', { token: r.token })).json<
      Registered['subscriber']
    >()
    expect(held.addresses.every((a) => a.confirmed)).toBe(true)
    // each code is recorded with its outcome; the SMS receipt comes back as delivered
    const rows = await node.deps.store.db
      .selectFrom('subscriber_deliveries')
      .selectAll()
      .where('subscriber_id', '=', r.subscriber.id)
      .execute()
    expect(rows.map((d) => [d.kind, d.purpose, d.language]).sort()).toEqual([
      ['email', 'confirmation', 'nl'],
      ['sms', 'confirmation', 'nl'],
    ])
    expect(rows.every((d) => d.state === 'submitted' || d.state === 'delivered')).toBe(true)
    // the audit names the pseudonymous id, never an address
    const audit = await node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .where('target', '=', r.subscriber.id)
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual([
      'citizen.confirm',
      'citizen.confirm',
      'citizen.register',
    ])
    expect(JSON.stringify(audit)).not.toContain(r.number)
    expect(JSON.stringify(audit)).not.toContain(r.email)
    // nor the client's IP address
    expect(audit.map((a) => a.source)).toEqual(['public', 'public', 'public'])
  })

  it('limits wrong codes: five are counted, then even the right one is refused until a new code', async () => {
    const r = await register()
    const sms = await until(() => smsc.received().find((m) => m.to === r.number), 'the SMS')
    const right = codeIn(sms.text)!
    const wrong = right === '000000' ? '111111' : '000000'
    const id = r.subscriber.addresses[0]!.id
    for (let i = 0; i < 5; i++) {
      const answer = await call('POST', `/public/v1/subscriber/addresses/${id}/confirm`, {
        token: r.token,
        body: { code: wrong },
      })
      expect(answer.statusCode).toBe(401)
      expect(answer.json()).toMatchObject({ error: { reason: 'confirmation_code_wrong' } })
    }
    const late = await call('POST', `/public/v1/subscriber/addresses/${id}/confirm`, {
      token: r.token,
      body: { code: right },
    })
    expect(late.statusCode).toBe(429)
    expect(late.json()).toMatchObject({ error: { reason: 'confirmation_attempts_exhausted' } })
    // a new code works again; the per-address limit then stops a third
    const again = await call('POST', `/public/v1/subscriber/addresses/${id}/code`, { token: r.token })
    expect(again.statusCode, again.body).toBe(202)
    const second = await until(() => smsc.received().filter((m) => m.to === r.number)[1], 'the second SMS')
    expect(
      (await call('POST', `/public/v1/subscriber/addresses/${id}/code`, { token: r.token })).statusCode,
    ).toBe(202)
    const limited = await call('POST', `/public/v1/subscriber/addresses/${id}/code`, { token: r.token })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
    // the second code is void now (a third replaced it), the third confirms
    const third = await until(() => smsc.received().filter((m) => m.to === r.number)[2], 'the third SMS')
    expect(codeIn(second.text)).not.toBe(codeIn(third.text))
    const stale = await call('POST', `/public/v1/subscriber/addresses/${id}/confirm`, {
      token: r.token,
      body: { code: codeIn(second.text)! },
    })
    expect(stale.statusCode).toBe(401)
    expect(stale.json()).toMatchObject({ error: { reason: 'confirmation_code_wrong' } })
    const ok = await call('POST', `/public/v1/subscriber/addresses/${id}/confirm`, {
      token: r.token,
      body: { code: codeIn(third.text)! },
    })
    expect(ok.statusCode, ok.body).toBe(204)
  })

  it('exports everything held, changes places, languages and options, and refuses a token it does not know', async () => {
    const r = await register({ wantsTest: true })
    const exported = await call('GET', '/public/v1/subscriber', { token: r.token })
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['cache-control']).toBe('no-store')
    expect(exported.json()).toMatchObject({
      id: r.subscriber.id,
      languages: ['nl-BE', 'fr'],
      wantsTest: true,
      wantsExercise: true,
      origin: 'registered',
      addresses: [{ address: r.number }, { address: r.email }],
      places: [
        { label: 'home', lon: 4.3517, lat: 50.8503, areaCode: '21004' },
        { label: 'school', lon: 5.5797, lat: 50.6326, areaCode: null },
      ],
    })
    await until(() => sink.messages.find((m) => m.rcptTo.includes(r.email)), 'the e-mail')
    const changed = await call('PATCH', '/public/v1/subscriber', {
      token: r.token,
      body: { languages: ['de'], wantsTest: false, places: [{ label: 'work', lon: 6.13, lat: 49.61 }] },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ languages: ['de'], wantsTest: false, places: [{ label: 'work' }] })
    for (const authorization of [undefined, 'Bearer lsub_forged', `Bearer ${r.token}x`, 'Basic abc']) {
      const refused = await app.inject({
        method: 'GET',
        url: '/public/v1/subscriber',
        headers: { host: '127.0.0.1', ...(authorization ? { authorization } : {}) },
      })
      expect(refused.statusCode, authorization).toBe(401)
    }
  })

  it('unsubscribes one address from its link: a page on GET, one click on POST; the last one erases', async () => {
    const r = await register()
    const mail = await until(() => sink.messages.find((m) => m.rcptTo.includes(r.email)), 'the e-mail')
    const link = /<(http[^>]+\/public\/v1\/unsubscribe\/[^>]+)>/.exec(
      mail.parsed.headers.get('list-unsubscribe')?.[0] ?? '',
    )![1]!
    const path = new URL(link).pathname
    const page = await call('GET', path)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<form method="post">')
    // GET changes nothing
    expect(
      (await call('GET', '/public/v1/subscriber', { token: r.token })).json<Registered['subscriber']>()
        .addresses,
    ).toHaveLength(2)
    const click = await call('POST', path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(click.statusCode, click.body).toBe(204)
    const left = (await call('GET', '/public/v1/subscriber', { token: r.token })).json<
      Registered['subscriber']
    >()
    expect(left.addresses.map((a) => a.kind)).toEqual(['sms'])
    expect(
      (
        await call('POST', path, {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'x',
        })
      ).statusCode,
    ).toBe(404)
    // the SMS's link removes the last address, and with it the registration
    const row = await node.deps.store.db
      .selectFrom('subscriber_addresses')
      .select('unsubscribe_token')
      .where('subscriber_id', '=', r.subscriber.id)
      .executeTakeFirstOrThrow()
    const last = await call('POST', `/public/v1/unsubscribe/${row.unsubscribe_token}`, {
      headers: { accept: 'text/html' },
    })
    expect(last.statusCode).toBe(200)
    expect(last.body).toContain('Uitgeschreven')
    expect((await call('GET', '/public/v1/subscriber', { token: r.token })).statusCode).toBe(401)
  })

  it('erases everything held; the delivery rows stay, counted, naming no one', async () => {
    const r = await register()
    await until(() => sink.messages.find((m) => m.rcptTo.includes(r.email)), 'the e-mail')
    await until(() => smsc.received().find((m) => m.to === r.number), 'the SMS')
    const db = node.deps.store.db
    const deliveriesBefore = await db.selectFrom('subscriber_deliveries').select('id').execute()
    const erased = await call('DELETE', '/public/v1/subscriber', { token: r.token })
    expect(erased.statusCode).toBe(204)
    const id = r.subscriber.id
    expect(await db.selectFrom('subscribers').selectAll().where('id', '=', id).execute()).toEqual([])
    expect(
      await db.selectFrom('subscriber_addresses').selectAll().where('subscriber_id', '=', id).execute(),
    ).toEqual([])
    expect(
      await db.selectFrom('subscriber_places').selectAll().where('subscriber_id', '=', id).execute(),
    ).toEqual([])
    expect(
      await db.selectFrom('subscriber_deliveries').selectAll().where('subscriber_id', '=', id).execute(),
    ).toEqual([])
    const addressIds = r.subscriber.addresses.map((a) => a.id)
    expect(
      await db
        .selectFrom('subscriber_deliveries')
        .selectAll()
        .where('address_id', 'in', addressIds)
        .execute(),
    ).toEqual([])
    // the counts stay
    expect(await db.selectFrom('subscriber_deliveries').select('id').execute()).toHaveLength(
      deliveriesBefore.length,
    )
    const flat = JSON.stringify(await db.selectFrom('subscriber_deliveries').selectAll().execute())
    expect(flat).not.toContain(r.number)
    expect(flat).not.toContain(r.email)
    expect((await call('GET', '/public/v1/subscriber', { token: r.token })).statusCode).toBe(401)
    // the address may register again
    expect(
      (
        await call('POST', '/public/v1/subscribers', {
          body: { addresses: [{ kind: 'sms', address: r.number }], places: [], languages: ['fr'] },
        })
      ).statusCode,
    ).toBe(201)
  })

  it('claims a registration with a code sent to one of its addresses: a new token, the old one void; the same answer for any address', async () => {
    const r = await register()
    await until(() => smsc.received().find((m) => m.to === r.number), 'the first SMS')
    const asked = await call('POST', '/public/v1/subscribers/code', {
      body: { kind: 'sms', address: r.number },
    })
    expect(asked.statusCode).toBe(202)
    const nobody = await call('POST', '/public/v1/subscribers/code', {
      body: { kind: 'sms', address: '+32470999998' },
    })
    expect(nobody.statusCode).toBe(202)
    const sms = await until(() => smsc.received().filter((m) => m.to === r.number)[1], 'the claim SMS')
    const claimed = await call('POST', '/public/v1/subscribers/claim', {
      body: { kind: 'sms', address: r.number, code: codeIn(sms.text)! },
    })
    expect(claimed.statusCode, claimed.body).toBe(201)
    const { token } = claimed.json<{ token: string }>()
    expect(token).not.toBe(r.token)
    expect((await call('GET', '/public/v1/subscriber', { token: r.token })).statusCode).toBe(401)
    const held = (await call('GET', '/public/v1/subscriber', { token })).json<Registered['subscriber']>()
    expect(held.id).toBe(r.subscriber.id)
    expect(held.addresses.find((a) => a.kind === 'sms')!.confirmed).toBe(true)
    expect(smsc.received().some((m) => m.to === '+32470999998')).toBe(false)
    // the claim answers alike for an address nobody registered and one whose code is spent
    const claim = (address: string) =>
      call('POST', '/public/v1/subscribers/claim', { body: { kind: 'sms', address, code: '000000' } })
    const unknown = await claim('+32470999998')
    const spent = await claim(r.number)
    expect([unknown.statusCode, spent.statusCode]).toEqual([401, 401])
    expect(spent.json()).toEqual(unknown.json())
  })

  it('limits registrations per client address (429)', async () => {
    const from = nextIp()
    for (let i = 0; i < citizenLimits.registerPerIp; i++) {
      const answer = await call('POST', '/public/v1/subscribers', {
        ip: from,
        body: {
          addresses: [{ kind: 'sms', address: `+3247123${String(i).padStart(4, '0')}` }],
          places: [],
          languages: ['fr'],
        },
      })
      expect(answer.statusCode, answer.body).toBe(201)
    }
    const refused = await call('POST', '/public/v1/subscribers', {
      ip: from,
      body: { addresses: [{ kind: 'sms', address: '+32471239999' }], places: [], languages: ['fr'] },
    })
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
  })

  it.each([
    [
      'a malformed number',
      { addresses: [{ kind: 'sms', address: '0470 12 34 56' }] },
      400,
      'body/addresses/0/address',
    ],
    [
      'a number of a country not served',
      { addresses: [{ kind: 'sms', address: '+14155550123' }] },
      400,
      'body/addresses/0/address',
    ],
    [
      'a malformed e-mail address',
      { addresses: [{ kind: 'email', address: 'a@b@c' }] },
      400,
      'body/addresses/0/address',
    ],
    [
      'the same address twice',
      {
        addresses: [
          { kind: 'email', address: 'x@example.be' },
          { kind: 'email', address: 'X@example.be' },
        ],
      },
      400,
      'body/addresses/1',
    ],
    [
      'six places',
      { places: Array.from({ length: 6 }, () => ({ label: 'p', lon: 4, lat: 50 })) },
      400,
      'places',
    ],
    ['a latitude off the world', { places: [{ label: 'p', lon: 4, lat: 91 }] }, 400, 'lat'],
    ['no language', { languages: [] }, 400, 'languages'],
    ['no address', { addresses: [] }, 400, 'addresses'],
    ['an unknown field', { extra: 1 }, 400, ''],
  ])('refuses %s with a 4xx naming the field', async (_name, change, status, field) => {
    const answer = await call('POST', '/public/v1/subscribers', {
      body: {
        addresses: [{ kind: 'sms', address: '+32470999999' }],
        places: [],
        languages: ['fr'],
        ...change,
      },
    })
    expect(answer.statusCode, answer.body).toBe(status)
    expect(answer.body).toContain(field)
  })

  it('registers a push subscription on a push service, confirmed at once, and refuses an endpoint elsewhere', async () => {
    const subscription = (endpoint: string) => ({
      kind: 'push',
      subscription: { endpoint, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } },
    })
    const ok = await call('POST', '/public/v1/subscribers', {
      body: {
        addresses: [subscription('https://fcm.googleapis.com/fcm/send/abcdef0123456789')],
        places: [],
        languages: ['en'],
      },
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ subscriber: { addresses: [{ kind: 'push', confirmed: true }] } })
    const inside = await call('POST', '/public/v1/subscribers', {
      body: { addresses: [subscription('https://10.0.0.5:8443/push/1')], places: [], languages: ['en'] },
    })
    expect(inside.statusCode).toBe(400)
    expect(inside.body).toContain('body/addresses/0/subscription/endpoint')
  })

  it('refuses an address already registered (409) and a code that is not six digits (400)', async () => {
    const r = await register()
    const again = await call('POST', '/public/v1/subscribers', {
      body: { addresses: [{ kind: 'sms', address: r.number }], places: [], languages: ['fr'] },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ error: { reason: 'address_already_registered' } })
    const id = r.subscriber.addresses[0]!.id
    for (const code of ['12345', 'abcdef', 123456]) {
      const answer = await call('POST', `/public/v1/subscriber/addresses/${id}/confirm`, {
        token: r.token,
        body: { code },
      })
      expect(answer.statusCode).toBe(400)
      expect(answer.body).toContain('code')
    }
    const other = await call(
      'POST',
      `/public/v1/subscriber/addresses/0190d1e4-0000-7000-8000-000000000000/confirm`,
      {
        token: r.token,
        body: { code: '123456' },
      },
    )
    expect(other.statusCode).toBe(404)
  })
})

describe('a centre with no SMS or e-mail channel', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode(engines[0]!, { config: { 'public.requestsPerMinute': 1_000_000 } })
  }, 120_000)
  afterAll(async () => node?.dispose())

  it('refuses to register a phone number or an e-mail address, with the reason', async () => {
    for (const kind of ['sms', 'email'] as const) {
      const answer = await node.publicApp!.inject({
        method: 'POST',
        url: '/public/v1/subscribers',
        headers: { host: '127.0.0.1' },
        payload: {
          addresses: [{ kind, address: kind === 'sms' ? '+32470123456' : 'a@example.be' }],
          places: [],
          languages: ['fr'],
        },
      })
      expect(answer.statusCode).toBe(400)
      expect(answer.json()).toMatchObject({ error: { reason: 'channel_not_configured' } })
      expect(answer.body).toContain('body/addresses/0/kind')
    }
    expect(await node.deps.store.db.selectFrom('subscribers').selectAll().execute()).toEqual([])
  })
})
