import type { Pdu, Session } from 'smpp'
import { PDU, connect } from 'smpp'
import { afterEach, describe, expect, it } from 'vitest'
import { SimulatedSmsc } from '@liaison/sim'

/**
 * The simulated SMSC driven by a bare SMPP client (the `smpp` package) over loopback: what it
 * answers to binds and submits, 8-bit and 16-bit concatenation reassembled, duplicates counted,
 * garbage from a client survived.
 */
const closing: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function started(options: Partial<Parameters<typeof SimulatedSmsc.start>[0]> = {}) {
  const smsc = await SimulatedSmsc.start({
    systemId: 'esme',
    password: 'pw',
    receiptLatencyMs: 5,
    ...options,
  })
  closing.push(() => smsc.close())
  return smsc
}

async function client(
  port: number,
): Promise<{ session: Session; call: (pdu: Pdu) => Promise<Pdu>; delivered: Pdu[] }> {
  const session = connect({ host: '127.0.0.1', port })
  session.on('error', () => undefined)
  closing.push(() => session.destroy())
  await new Promise<void>((resolve) => session.on('connect', () => resolve()))
  const delivered: Pdu[] = []
  session.on('pdu', (pdu: Pdu) => {
    if (pdu.command === 'deliver_sm') {
      delivered.push(pdu)
      session.send(pdu.response())
    }
  })
  const call = (pdu: Pdu) => new Promise<Pdu>((resolve) => session.send(pdu, resolve))
  return { session, call, delivered }
}

const bind = (password = 'pw') => new PDU('bind_transceiver', { system_id: 'esme', password })

async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

function part(udh: number[], text: string): Buffer {
  const body = Buffer.from(text, 'utf16le').swap16()
  return Buffer.concat([Buffer.from([udh.length, ...udh]), body])
}

describe('the simulated SMSC', () => {
  it('refuses a wrong password and other bind kinds with ESME_RBINDFAIL, takes the right one once', async () => {
    const smsc = await started()
    const { call } = await client(smsc.port)
    expect((await call(bind('nope'))).command_status).toBe(0x0d)
    expect(
      (await call(new PDU('bind_transmitter', { system_id: 'esme', password: 'pw' }))).command_status,
    ).toBe(0x0d)
    expect(
      (await call(new PDU('submit_sm', { destination_addr: '32470000001', short_message: 'x' })))
        .command_status,
    ).toBe(0x04)
    expect((await call(bind())).command_status).toBe(0)
    expect((await call(bind())).command_status).toBe(0x05)
    expect(smsc.stats()).toMatchObject({ binds: 1, bindsRefused: 3 })
    expect(smsc.boundSessions()).toBe(1)
  })

  it('reassembles 16-bit and 8-bit references, parts in any order, and counts a repeated part as a duplicate', async () => {
    const smsc = await started()
    const { call, delivered } = await client(smsc.port)
    await call(bind())
    const submit = (udh: number[], text: string) =>
      call(
        new PDU('submit_sm', {
          source_addr: '8811',
          destination_addr: '32470000001',
          esm_class: 0x40,
          data_coding: 8,
          registered_delivery: 1,
          short_message: part(udh, text),
        }),
      )
    const answers = [
      await submit([0x08, 4, 0x01, 0x02, 3, 3], 'drie 😀'),
      await submit([0x08, 4, 0x01, 0x02, 3, 1], 'één, '),
      await submit([0x00, 3, 0x02, 2, 2], 'zwei'),
      await submit([0x08, 4, 0x01, 0x02, 3, 2], 'twee, '),
      await submit([0x00, 3, 0x02, 2, 1], 'eins, '),
      await submit([0x00, 3, 0x02, 2, 1], 'eins, '),
    ]
    expect(answers.map((a) => a.command_status)).toEqual([0, 0, 0, 0, 0, 0])
    expect(new Set(answers.map((a) => a['message_id'])).size).toBe(6)
    expect(smsc.received().map((m) => [m.text, m.parts, m.referenceBits, m.encoding])).toEqual([
      ['één, twee, drie 😀', 3, 16, 'ucs2'],
      ['eins, zwei', 2, 8, 'ucs2'],
    ])
    expect(smsc.received()[0]!.messageIds).toEqual([
      answers[1]!['message_id'],
      answers[3]!['message_id'],
      answers[0]!['message_id'],
    ])
    expect(smsc.stats().duplicates).toBe(1)
    // a receipt for each part taken, each naming its message_id
    await until(() => delivered.length === 6)
    expect(delivered.every((d) => d['esm_class'] === 0x04)).toBe(true)
    expect(new Set(delivered.map((d) => d['receipted_message_id']))).toEqual(
      new Set(answers.map((a) => a['message_id'])),
    )
  })

  it('throttles above its rate, then takes submits again in the next second', async () => {
    const smsc = await started({ maxSubmitsPerSecond: 3 })
    const { call } = await client(smsc.port)
    await call(bind())
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await call(new PDU('submit_sm', { destination_addr: `3247000000${i}`, short_message: `m${i}` })))
          .command_status,
      )
    }
    // eight at once: even across the turn of a second, at most six fit
    expect(statuses.filter((s) => s === 0x58).length).toBeGreaterThanOrEqual(2)
    await new Promise((r) => setTimeout(r, 1100))
    expect(
      (await call(new PDU('submit_sm', { destination_addr: '32470000009', short_message: 'later' })))
        .command_status,
    ).toBe(0)
  })

  it('survives garbage from a client: that connection is closed and counted, others go on', async () => {
    const smsc = await started()
    const good = await client(smsc.port)
    await good.call(bind())
    const bad = await client(smsc.port)
    bad.session.socket.write(Buffer.from('\xff\xff\xff\xffnonsense', 'latin1'))
    await until(() => smsc.stats().garbage === 1)
    expect((await good.call(new PDU('enquire_link'))).command_status).toBe(0)
  })
})
