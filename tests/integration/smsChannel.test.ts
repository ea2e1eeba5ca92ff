import { afterEach, describe, expect, it } from 'vitest'
import type { DeliveryOutcome, InboundMessage, SmsMessage, SmsOperators, SmsProblem } from '@liaison/server'
import { SmppChannel, readSmsOperators } from '@liaison/server'
import type { SmscOptions } from '@liaison/sim'
import { SimulatedSmsc, seededRandom } from '@liaison/sim'

/**
 * The SMPP channel against the simulated SMSC over real sockets on loopback: receipts matched,
 * throttling and dropped connections losing nothing, concatenated UCS-2 arriving whole, a
 * refused bind and garbage reported, a STOP reaching onInbound. No database.
 */
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close()
})

async function smsc(options: Partial<SmscOptions> = {}): Promise<SimulatedSmsc> {
  const s = await SimulatedSmsc.start({
    systemId: 'liaison',
    password: 'secret',
    receiptLatencyMs: 5,
    ...options,
  })
  open.push(s)
  return s
}

function operators(port: number, account: Record<string, unknown> = {}): SmsOperators {
  return readSmsOperators({
    operators: [
      {
        id: 'proximus',
        host: '127.0.0.1',
        port,
        systemId: 'liaison',
        password: 'secret',
        sourceAddr: 'BE-Alert',
        prefixes: ['+324', '+31', '+352', '+33', '+49'],
        ratePerSecond: 2000,
        window: 20,
        ...account,
      },
    ],
  })
}

function channel(ops: SmsOperators, options: ConstructorParameters<typeof SmppChannel>[1] = {}) {
  const c = new SmppChannel(ops, {
    reconnectInitialMs: 20,
    reconnectMaxMs: 200,
    throttlePauseMs: 50,
    ...options,
  })
  open.push(c)
  const outcomes: DeliveryOutcome[] = []
  const problems: SmsProblem[] = []
  const inbound: InboundMessage[] = []
  c.onOutcome((o) => outcomes.push(o))
  c.onProblem((p) => problems.push(p))
  c.onInbound((m) => inbound.push(m))
  return { channel: c, outcomes, problems, inbound }
}

const sms = (i: number, text = `Test message ${i}`): SmsMessage => ({
  channel: 'sms',
  id: `m-${String(i).padStart(4, '0')}`,
  language: 'en',
  text,
  to: `+324${String(70_000_000 + i).padStart(8, '0')}`,
})

async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('SMS over SMPP against the simulated SMSC', () => {
  it('delivers 1,000 messages and matches every receipt to its message', async () => {
    const s = await smsc({ receiptJitterMs: 30, seed: 7 })
    const { channel: c, outcomes } = channel(operators(s.port))
    const batch = Array.from({ length: 1000 }, (_, i) => sms(i))
    const results = await c.send(batch)
    expect(results.map((r) => r.state)).toEqual(batch.map(() => 'submitted'))
    expect(results.map((r) => r.id)).toEqual(batch.map((m) => m.id))
    await until(() => outcomes.length === 1000)
    expect(new Set(outcomes.map((o) => o.id))).toEqual(new Set(batch.map((m) => m.id)))
    expect(outcomes.every((o) => o.state === 'delivered')).toBe(true)
    // each receipt names the message_id its submission was given
    const refs = new Map(results.map((r) => [r.id, r.networkRef]))
    expect(outcomes.every((o) => o.networkRef === refs.get(o.id))).toBe(true)
    const received = s.received()
    expect(received).toHaveLength(1000)
    expect(new Set(received.map((m) => m.text))).toEqual(new Set(batch.map((m) => m.text)))
    expect(received.find((m) => m.text === 'Test message 42')).toMatchObject({
      to: '+32470000042',
      encoding: 'gsm7',
      parts: 1,
    })
    expect(s.stats()).toMatchObject({ submits: 1000, duplicates: 0, binds: 1 })
  })

  it('a throttling SMSC slows delivery down but loses nothing', async () => {
    const s = await smsc({ maxSubmitsPerSecond: 40 })
    const { channel: c, outcomes, problems } = channel(operators(s.port, { ratePerSecond: 500 }))
    const batch = Array.from({ length: 120 }, (_, i) => sms(i))
    const started = Date.now()
    const results = await c.send(batch)
    const took = Date.now() - started
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    // 120 at 40 a second need three one-second windows of the SMSC: more than one second
    expect(took).toBeGreaterThan(1000)
    expect(s.stats().throttled).toBeGreaterThan(0)
    expect(s.stats()).toMatchObject({ submits: 120, duplicates: 0 })
    expect(problems.some((p) => p.kind === 'throttled' && p.detail.includes('ESME_RTHROTTLED'))).toBe(true)
    expect(problems.find((p) => p.kind === 'throttled')!.detail).toContain('submitting at 250/s')
    await until(() => outcomes.length === 120)
  })

  it('a connection dropped between PDUs loses nothing and sends nothing twice', async () => {
    const s = await smsc({ drop: { afterPdus: 25, answerLast: true, times: 4 } })
    const { channel: c, outcomes, problems } = channel(operators(s.port, { window: 1 }))
    const batch = Array.from({ length: 150 }, (_, i) => sms(i))
    const results = await c.send(batch)
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    expect(s.stats()).toMatchObject({ drops: 4, duplicates: 0, submits: 150 })
    expect(s.stats().binds).toBe(5)
    expect(problems.filter((p) => p.kind === 'connection_lost')).toHaveLength(4)
    expect(s.received()).toHaveLength(150)
    await until(() => outcomes.length === 150)
  })

  it('a PDU the SMSC took but never answered is sent again, and counted as a duplicate', async () => {
    const s = await smsc({ drop: { afterPdus: 10, answerLast: false, times: 3 } })
    const { channel: c, outcomes } = channel(operators(s.port, { window: 1 }))
    const batch = Array.from({ length: 60 }, (_, i) => sms(i))
    const results = await c.send(batch)
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    // with a window of one, exactly the PDU in flight at each drop came twice
    expect(s.stats()).toMatchObject({ drops: 3, duplicates: 3 })
    expect(s.received()).toHaveLength(60)
    await until(() => outcomes.length === 60)
  })

  it('with a window of many, a drop resends what was in flight; every message still arrives', async () => {
    const s = await smsc({ drop: { afterPdus: 30, answerLast: false, times: 2 } })
    const { channel: c, outcomes } = channel(operators(s.port, { window: 10 }))
    const batch = Array.from({ length: 200 }, (_, i) => sms(i))
    const results = await c.send(batch)
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    // the SMSC read one unanswered PDU at each drop and nothing after it
    expect(s.stats()).toMatchObject({ drops: 2, duplicates: 2 })
    expect(s.received()).toHaveLength(200)
    await until(() => outcomes.length === 200)
  })

  it('an SMSC that never answers is taken as broken and left; messages wait and go once it answers', async () => {
    const s = await smsc({ silent: true })
    const { channel: c, outcomes, problems } = channel(operators(s.port, { responseTimeoutSeconds: 1 }))
    const sending = c.send(Array.from({ length: 5 }, (_, i) => sms(i)))
    await until(() => problems.some((p) => p.kind === 'no_answer'))
    s.configure({ silent: false })
    const results = await sending
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    expect(s.received()).toHaveLength(5)
    await until(() => outcomes.length === 5)
  })

  it('a quiet link is kept alive with enquire_link, and left when the SMSC stops answering it', async () => {
    const s = await smsc()
    const { channel: c, problems } = channel(
      operators(s.port, { enquireLinkSeconds: 1, responseTimeoutSeconds: 1 }),
    )
    await until(() => c.status()['proximus']!.state === 'bound')
    await new Promise((r) => setTimeout(r, 2500))
    expect(problems).toEqual([])
    expect(s.stats().binds).toBe(1)
    s.configure({ silent: true })
    await until(() => problems.some((p) => p.kind === 'no_answer'))
    await until(() => s.stats().binds === 2)
  })

  it('concatenated UCS-2 texts in Dutch, French and German, and an emoji, arrive whole', async () => {
    const s = await smsc()
    const { channel: c, outcomes } = channel(operators(s.port))
    const texts = [
      'NL-Alert: Zeer ernstige situatie in Groningen. Sluit ramen en deuren, zet de ventilatie uit en volg de berichten van de gemeente. Ga niet naar buiten. Ĳsvorming op de wegen — rijd niet. Meer info: crisis.nl',
      'BE-Alert : Incendie à Liège. Fermez portes et fenêtres, coupez la ventilation. Œuvrez à rester à l’intérieur ; suivez les consignes des autorités. « Ne téléphonez pas » sauf urgence. Plus d’informations : crisiscentrum.be',
      'LU-Alert: Hochwasser an der Sauer. Meiden Sie Keller und Tiefgaragen, bringen Sie sich in höhere Stockwerke in Sicherheit. Straße nach Echternach gesperrt – Umleitung über Diekirch. Bleiben Sie informiert.',
      '⚠️ Test 😀 des canaux: ceci est un test. Geen actie nodig. Keine Maßnahme nötig. 🇧🇪🇳🇱🇱🇺 '.repeat(2),
    ]
    const batch = texts.map((text, i) => sms(i, text))
    const results = await c.send(batch)
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    await until(() => s.received().length === 4)
    for (const [i, text] of texts.entries()) {
      const got = s.received().find((m) => m.to === batch[i]!.to)!
      expect(got.text).toBe(text)
      expect(got.encoding).toBe('ucs2')
      expect(got.parts).toBeGreaterThan(1)
      expect(got.referenceBits).toBe(8)
    }
    // a message with parts is delivered once every part's receipt came
    await until(() => outcomes.length === 4)
    expect(outcomes.every((o) => o.state === 'delivered')).toBe(true)
  })

  it('a long GSM-7 text with extension characters arrives whole in data coding 0', async () => {
    const s = await smsc()
    const { channel: c } = channel(operators(s.port))
    const text = `Info {test} [1/2] ~ € ^ | \\ ${'a'.repeat(300)}`
    await c.send([sms(1, text)])
    await until(() => s.received().length === 1)
    expect(s.received()[0]).toMatchObject({ text, encoding: 'gsm7', dataCoding: 0, parts: 3 })
  })

  it('a refused bind is reported with its status; messages fail at their deadline naming it', async () => {
    const s = await smsc()
    const { channel: c, problems } = channel(operators(s.port, { password: 'wrong' }), {
      submitDeadlineMs: 1500,
    })
    const [result] = await c.send([sms(1)])
    expect(problems.some((p) => p.kind === 'bind_refused' && p.detail.includes('ESME_RBINDFAIL'))).toBe(true)
    expect(problems[0]).toMatchObject({ operator: 'proximus', kind: 'bind_refused' })
    expect(result).toMatchObject({ id: 'm-0001', state: 'failed' })
    expect(result!.reason).toContain('ESME_RBINDFAIL')
    expect(s.stats()).toMatchObject({ binds: 0, submits: 0 })
    expect(s.stats().bindsRefused).toBeGreaterThan(1)
  })

  it('closing the channel gives each message not yet submitted the outcome failed', async () => {
    const s = await smsc({ silent: true })
    const c = new SmppChannel(operators(s.port))
    const sending = c.send([sms(1), sms(2)])
    await until(() => c.status()['proximus']!.outstanding > 0)
    await c.close()
    const results = await sending
    expect(results.map((r) => [r.state, r.reason])).toEqual([
      ['failed', 'the SMS channel was closed before the message was submitted'],
      ['failed', 'the SMS channel was closed before the message was submitted'],
    ])
    expect((await c.send([sms(3)]))[0]!.reason).toBe('the SMS channel is closed')
  })

  it('an SMSC that is not listening is reported and retried', async () => {
    const s = await smsc()
    const port = s.port
    await s.close()
    open.splice(open.indexOf(s), 1)
    const { channel: c, problems } = channel(operators(port), { submitDeadlineMs: 800 })
    const [result] = await c.send([sms(1)])
    expect(problems.filter((p) => p.kind === 'connection_failed').length).toBeGreaterThan(1)
    expect(result!.reason).toContain('connection_failed')
  })

  it('garbage on the wire is reported, the link reconnects, nothing is lost', async () => {
    const s = await smsc({ receiptLatencyMs: 200 })
    const { channel: c, outcomes, problems } = channel(operators(s.port))
    await c.send(Array.from({ length: 10 }, (_, i) => sms(i)))
    s.sendGarbage()
    await until(() => problems.some((p) => p.kind === 'garbage'))
    expect(problems.find((p) => p.kind === 'garbage')!.detail).toContain('PDU length was too large')
    const more = await c.send(Array.from({ length: 10 }, (_, i) => sms(100 + i)))
    expect(more.every((r) => r.state === 'submitted')).toBe(true)
    expect(s.stats().binds).toBe(2)
    // receipts held while the link was down come after the next bind
    await until(() => outcomes.length === 20)
  })

  it('whatever bytes the SMSC sends, the channel reports them and goes on (seeded random PDUs)', async () => {
    const s = await smsc()
    const { channel: c, problems } = channel(operators(s.port))
    await c.send([sms(0)])
    const random = seededRandom(11)
    const byte = () => Math.floor(random() * 256)
    const commands = [0x80000004, 0x00000005, 0x00000015, 0x80000009, 0x00000006, 0x80000000, 0x12345678]
    for (let i = 0; i < 40; i++) {
      await until(() => c.status()['proximus']!.state === 'bound')
      const body = Buffer.from(Array.from({ length: Math.floor(random() * 60) }, byte))
      let bytes: Buffer = body
      if (i % 2 === 0) {
        const header = Buffer.alloc(16)
        header.writeUInt32BE(16 + body.length, 0)
        header.writeUInt32BE(commands[i % commands.length]!, 4)
        header.writeUInt32BE(byte(), 8)
        header.writeUInt32BE(byte(), 12)
        bytes = Buffer.concat([header, body])
      }
      s.sendGarbage(bytes)
      await new Promise((r) => setTimeout(r, 5))
    }
    const results = await c.send(Array.from({ length: 5 }, (_, i) => sms(10 + i)))
    expect(results.every((r) => r.state === 'submitted')).toBe(true)
    expect(problems.length).toBeGreaterThan(0)
    // each arrived (a PDU in flight when garbage broke the link is sent again: at least once)
    const texts = new Set(s.received().map((m) => m.text))
    for (let i = 10; i < 15; i++) expect(texts.has(`Test message ${i}`)).toBe(true)
  })

  it('an unknown command from the SMSC is answered with generic_nack and reported', async () => {
    const s = await smsc()
    const { channel: c, problems } = channel(operators(s.port))
    await c.send([sms(1)])
    const pdu = Buffer.alloc(16)
    pdu.writeUInt32BE(16, 0)
    pdu.writeUInt32BE(0x000000ee, 4)
    pdu.writeUInt32BE(0, 8)
    pdu.writeUInt32BE(99, 12)
    s.sendGarbage(pdu)
    await until(() => problems.some((p) => p.kind === 'unexpected_pdu'))
    const [again] = await c.send([sms(2)])
    expect(again!.state).toBe('submitted')
    expect(s.stats().binds).toBe(1)
  })

  it('a mobile-originated STOP reaches onInbound; it is no receipt', async () => {
    const s = await smsc()
    const { channel: c, inbound, outcomes } = channel(operators(s.port))
    await c.send([sms(1)])
    await until(() => outcomes.length === 1)
    // a listener that throws harms neither the others nor the process
    c.onInbound(() => {
      throw new Error('a listener of its own failing')
    })
    expect(s.sendMo({ from: '+32470000001', to: '8811', text: 'STOP' })).toBe(true)
    await until(() => inbound.length === 1)
    expect(inbound[0]).toMatchObject({ channel: 'sms', from: '+32470000001', text: 'STOP' })
    expect(s.sendMo({ from: '+31612345678', to: '8811', text: 'Stop ✋' })).toBe(true)
    await until(() => inbound.length === 2)
    expect(inbound[1]).toMatchObject({ from: '+31612345678', text: 'Stop ✋' })
    // a long reply arrives as one message
    const long = `Ik ben veilig thuis, dank u. ${'Wij blijven binnen en houden ramen en deuren dicht. '.repeat(4)}`
    expect(s.sendMo({ from: '+32470000001', to: '8811', text: long })).toBe(true)
    await until(() => inbound.length === 3)
    expect(inbound[2]).toMatchObject({ from: '+32470000001', text: long })
    expect(outcomes).toHaveLength(1)
  })

  it('matches receipts that write the message_id in decimal when the submit answered it in hexadecimal', async () => {
    const s = await smsc({ receiptIds: 'decimal' })
    const { channel: c, outcomes } = channel(operators(s.port))
    const batch = Array.from({ length: 30 }, (_, i) => sms(i))
    await c.send(batch)
    await until(() => outcomes.length === 30)
    expect(outcomes.every((o) => o.state === 'delivered')).toBe(true)
  })

  it('a number that fails is reported failed at submission or by its receipt', async () => {
    const s = await smsc({
      failures: [
        { number: '+32470000001', rate: 1, at: 'submit' },
        { number: '+32470000002', rate: 1, at: 'receipt' },
      ],
    })
    const { channel: c, outcomes } = channel(operators(s.port))
    const results = await c.send([sms(1), sms(2), sms(3)])
    expect(results.map((r) => r.state)).toEqual(['failed', 'submitted', 'submitted'])
    expect(results[0]!.reason).toBe('ESME_RINVDSTADR')
    await until(() => outcomes.length === 2)
    expect(outcomes.find((o) => o.id === 'm-0002')).toMatchObject({
      state: 'failed',
      reason: 'UNDELIV err:001',
    })
    expect(outcomes.find((o) => o.id === 'm-0003')).toMatchObject({ state: 'delivered' })
  })

  it('refuses what it cannot send without asking the SMSC', async () => {
    const s = await smsc()
    const { channel: c } = channel(operators(s.port, { prefixes: ['+3247', '+32470000004'] }))
    const results = await c.send([
      { ...sms(1), to: '0470 12 34 56' },
      { ...sms(2), to: '+447700900123' },
      { ...sms(3), to: '+31612345678' },
      { ...sms(4), text: '' },
      { channel: 'email', id: 'e-1', language: 'en', text: 'x', to: 'a@example.org', subject: 's' },
    ])
    expect(results.map((r) => [r.state, r.reason])).toEqual([
      ['failed', 'phone_number_malformed'],
      ['failed', 'phone_country_not_served'],
      ['failed', 'no operator carries this number'],
      ['failed', 'the text is empty'],
      ['failed', 'not an SMS (email)'],
    ])
    expect(s.stats().submits).toBe(0)
  })

  it('routes each number to its operator, a ported number to its new one', async () => {
    const a = await smsc({ systemId: 'liaison', password: 'secret' })
    const b = await smsc({ systemId: 'other', password: 'pw' })
    const ops = readSmsOperators({
      operators: [
        {
          id: 'proximus',
          host: '127.0.0.1',
          port: a.port,
          systemId: 'liaison',
          password: 'secret',
          sourceAddr: '8811',
          prefixes: ['+3247'],
        },
        {
          id: 'base',
          host: '127.0.0.1',
          port: b.port,
          systemId: 'other',
          password: 'pw',
          sourceAddr: '8811',
          prefixes: ['+3248'],
        },
      ],
      ported: { '+32470000002': 'base' },
    })
    const { channel: c } = channel(ops)
    await c.send([sms(1), sms(2), { ...sms(3), to: '+32480000003' }])
    await until(() => a.received().length + b.received().length === 3)
    expect(a.received().map((m) => m.to)).toEqual(['+32470000001'])
    expect(
      b
        .received()
        .map((m) => m.to)
        .sort(),
    ).toEqual(['+32470000002', '+32480000003'])
    expect(a.received()[0]!.from).toBe('+8811')
  })
})
