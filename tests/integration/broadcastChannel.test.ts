import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CapAlert, CapInfo } from '@liaison/core'
import type { BroadcastChannel, BroadcastOperator } from '@liaison/server'
import { createBroadcastChannel, loadBroadcastOperators, loadConfig } from '@liaison/server'
import type { SimulatedBroadcastCentre } from '@liaison/sim'
import { startBroadcastCentre } from '@liaison/sim'
import { makeTestCertificate } from '../support/testCertificate.ts'

let dir: string
let tls: { key: Buffer; cert: Buffer }
let centres: SimulatedBroadcastCentre[] = []
let channel: BroadcastChannel | undefined

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-broadcast-'))
  // the centres' certificate, made for this test and trusted through each operator's caFile
  tls = makeTestCertificate(dir)
})

afterEach(async () => {
  await channel?.close()
  await Promise.all(centres.map((c) => c.close()))
  centres = []
  channel = undefined
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Two operators (a Belgian one with three national languages, a Dutch one), over HTTPS. */
async function twoOperators(retry: Partial<BroadcastOperator> = {}): Promise<BroadcastOperator[]> {
  const proximus = await startBroadcastCentre({ ...tls, operator: 'proximus', seed: 1, token: 'secret-p' })
  const kpn = await startBroadcastCentre({ ...tls, operator: 'kpn', seed: 2, token: 'secret-k' })
  centres = [proximus, kpn]
  const file = join(dir, 'broadcast-operators.json')
  writeFileSync(
    file,
    JSON.stringify({
      operators: [
        {
          id: 'proximus',
          url: proximus.url,
          nationalLanguages: ['fr', 'nl', 'de'],
          token: 'secret-p',
          caFile: 'cert.pem',
          ...retry,
        },
        {
          id: 'kpn',
          url: kpn.url,
          nationalLanguages: ['nl'],
          token: 'secret-k',
          caFile: 'cert.pem',
          ...retry,
        },
      ],
    }),
  )
  const config = loadConfig({
    env: { LIAISON_DATA_DIR: join(dir, 'node'), LIAISON_BROADCAST_OPERATORS_FILE: file },
    cwd: dir,
  })
  expect(config.broadcast.operatorsFile).toBe(file)
  expect(config.broadcast.operators).toEqual(loadBroadcastOperators(file))
  return [...(config.broadcast.operators?.operators ?? [])]
}

function info(language: string, shortText: string, extra: Partial<CapInfo> = {}): CapInfo {
  return {
    language,
    category: ['Safety'],
    event: 'Industrial fire',
    responseType: ['Shelter'],
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    eventCode: [],
    headline: 'Industrial fire',
    parameter: [{ valueName: 'shortText', value: shortText }],
    resource: [],
    // Maastricht, on the border: Belgian and Dutch cells alike
    area: [{ areaDesc: 'Maastricht', polygon: [], circle: ['50.85,5.69 8'], geocode: [] }],
    ...extra,
  }
}

const first: CapAlert = {
  identifier: 'BE-2026-0001',
  sender: 'alert@nccn.be',
  sent: '2026-12-03T12:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [
    info('fr-BE', 'Incendie : restez à l’intérieur, fermez portes et fenêtres.'),
    info('nl-BE', 'Brand: blijf binnen, sluit ramen en deuren.'),
  ],
}
const firstKey = `${first.sender},${first.identifier},${first.sent}`

describe('the operator broadcast channel', () => {
  it('reaches two operators at once, each answer recorded with its cells', async () => {
    const operators = await twoOperators()
    channel = createBroadcastChannel(operators)
    const heard: string[] = []
    channel.onOutcome((o) => heard.push(o.operator))
    const outcomes = await channel.send(first)
    const [proximus, kpn] = centres as [SimulatedBroadcastCentre, SimulatedBroadcastCentre]
    expect(outcomes.map((o) => [o.operator, o.state, o.attempts, o.messageIds])).toEqual([
      ['proximus', 'accepted', 1, [4375, 4388]],
      ['kpn', 'accepted', 1, [4375, 4388]],
    ])
    expect(channel.outcomes).toEqual(outcomes)
    expect(heard.sort()).toEqual(['kpn', 'proximus'])
    // each centre answered with the cells of its own grid around Maastricht, and kept the texts
    for (const [outcome, centre] of [
      [outcomes[0], proximus],
      [outcomes[1], kpn],
    ] as const) {
      expect(outcome?.cells?.length).toBeGreaterThan(5)
      expect(outcome?.cells).toEqual(centre.received[0]?.cells)
      expect(outcome?.reference).toBe(centre.received[0]?.reference)
    }
    expect(outcomes[0]?.cells?.every((c) => c.startsWith('proximus-'))).toBe(true)
    // Proximus has French first; KPN's national language is Dutch
    expect(proximus.received[0]?.texts.map((t) => [t.language, t.messageId])).toEqual([
      ['fr-BE', 4375],
      ['nl-BE', 4388],
    ])
    expect(kpn.received[0]?.texts.map((t) => [t.language, t.messageId])).toEqual([
      ['fr-BE', 4388],
      ['nl-BE', 4375],
    ])
    expect(kpn.received[0]?.texts[1]?.pages.join('')).toBe('Brand: blijf binnen, sluit ramen en deuren.')
    // the same grid for the same seed
    const again = await startBroadcastCentre({ operator: 'proximus', seed: 1 })
    expect(again.cells).toEqual(proximus.cells)
    await again.close()
  })

  it('asks the operators in parallel, not one after the other', async () => {
    channel = createBroadcastChannel(await twoOperators())
    for (const centre of centres) centre.behave(null, 400)
    const started = Date.now()
    const outcomes = await channel.send(first)
    expect(outcomes.map((o) => o.state)).toEqual(['accepted', 'accepted'])
    expect(Date.now() - started).toBeLessThan(750)
  })

  it('sends an Update and a Cancel that replace and stop the earlier broadcast', async () => {
    channel = createBroadcastChannel(await twoOperators())
    const [proximus, kpn] = centres as [SimulatedBroadcastCentre, SimulatedBroadcastCentre]
    const alerted = await channel.send(first)
    const update: CapAlert = {
      ...first,
      identifier: 'BE-2026-0002',
      sent: '2026-12-03T12:20:00+01:00',
      msgType: 'Update',
      references: firstKey,
      info: first.info.map((i) => ({
        ...i,
        severity: 'Extreme',
        area: [{ areaDesc: 'Maastricht en Lanaken', polygon: [], circle: ['50.87,5.65 12'], geocode: [] }],
      })),
    }
    const updated = await channel.send(update)
    expect(updated.map((o) => [o.state, o.messageIds, o.replaces])).toEqual([
      ['accepted', [4371, 4384], [alerted[0]?.reference]],
      ['accepted', [4371, 4384], [alerted[1]?.reference]],
    ])
    // a larger area, more cells
    expect(updated[0]?.cells?.length).toBeGreaterThan(alerted[0]?.cells?.length ?? 0)
    const updateKey = `${update.sender},${update.identifier},${update.sent}`
    expect(proximus.onAir()).toEqual([updateKey])
    const cancel: CapAlert = {
      ...first,
      identifier: 'BE-2026-0003',
      sent: '2026-12-03T13:00:00+01:00',
      msgType: 'Cancel',
      references: `${firstKey} ${updateKey}`,
      info: [],
    }
    const cancelled = await channel.send(cancel)
    expect(cancelled.map((o) => [o.state, o.replaces?.length])).toEqual([
      ['accepted', 2],
      ['accepted', 2],
    ])
    expect(cancelled[1]?.cells).toEqual(updated[1]?.cells)
    expect(proximus.onAir()).toEqual([])
    expect(kpn.onAir()).toEqual([])
    expect(kpn.received.map((r) => r.msgType)).toEqual(['Alert', 'Update', 'Cancel'])
  })

  it('records a refusal with its reason, and retries a failing operator before giving up', async () => {
    channel = createBroadcastChannel(await twoOperators({ attempts: 3, retryFirstMs: 20, timeoutMs: 400 }))
    const [proximus, kpn] = centres as [SimulatedBroadcastCentre, SimulatedBroadcastCentre]
    proximus.behave({ refuse: 'the area is under maintenance' })
    kpn.behave({ fail: 503 })
    const outcomes = await channel.send(first)
    expect(outcomes.map((o) => [o.operator, o.state, o.attempts])).toEqual([
      ['proximus', 'refused', 1],
      ['kpn', 'failed', 3],
    ])
    expect(outcomes[0]?.reason).toBe('HTTP 422: the area is under maintenance')
    expect(outcomes[1]?.reason).toBe('HTTP 503: centre unavailable')
    expect(kpn.requests).toBe(3)

    // a centre that fails twice then answers: accepted on the third attempt
    proximus.behave(null)
    kpn.behave({ fail: 502, times: 2 })
    const later = await channel.send({ ...first, identifier: 'BE-2026-0004' })
    expect(later.map((o) => [o.state, o.attempts])).toEqual([
      ['accepted', 1],
      ['accepted', 3],
    ])

    // silence: each attempt times out, then the message is failed
    kpn.behave({ silent: true })
    const silent = await channel.send({ ...first, identifier: 'BE-2026-0005' })
    expect(silent[1]).toMatchObject({ state: 'failed', attempts: 3, reason: 'no answer within 400 ms' })

    // a slow centre within the timeout: accepted
    kpn.behave(null, 150)
    const slow = await channel.send({ ...first, identifier: 'BE-2026-0006' })
    expect(slow[1]).toMatchObject({ state: 'accepted', attempts: 1 })
  })

  it.each([
    ['Actual', [4375, 4388]],
    ['Exercise', [4381, 4394]],
    ['Test', [4380, 4393]],
  ] as const)(
    'gives an %s alert the identifiers %j for the national and the additional language',
    async (status, ids) => {
      channel = createBroadcastChannel(await twoOperators())
      const outcomes = await channel.send({ ...first, status })
      expect(outcomes.map((o) => [o.state, o.messageIds])).toEqual([
        ['accepted', ids],
        ['accepted', ids],
      ])
      expect(centres[0]?.received[0]?.status).toBe(status)
      expect(centres[0]?.received[0]?.texts.map((t) => t.messageId)).toEqual(ids)
    },
  )

  it('sends nothing for what is not broadcast, and the centre refuses identifiers that do not fit', async () => {
    channel = createBroadcastChannel(await twoOperators())
    const draft = await channel.send({ ...first, status: 'Draft' })
    expect(draft.map((o) => [o.state, o.reason, o.attempts])).toEqual([
      ['not_sent', 'not_broadcast_status', 0],
      ['not_sent', 'not_broadcast_status', 0],
    ])
    const moderate = await channel.send({ ...first, info: [info('nl', 'x', { severity: 'Moderate' })] })
    expect(moderate[0]?.reason).toBe('below_eu_alert_levels')
    // an Update of a broadcast the centre never had
    const orphan = await channel.send({
      ...first,
      identifier: 'BE-9',
      msgType: 'Update',
      references: firstKey,
    })
    expect(orphan.map((o) => [o.state, o.reason])).toEqual([
      ['refused', 'HTTP 409: references no broadcast on air'],
      ['refused', 'HTTP 409: references no broadcast on air'],
    ])
    // an area outside the Benelux covers none of the cells
    const far = await channel.send({
      ...first,
      identifier: 'BE-10',
      info: [
        info('fr', 'x', { area: [{ areaDesc: 'Lyon', polygon: [], circle: ['45.76,4.83 5'], geocode: [] }] }),
      ],
    })
    expect(far[0]).toMatchObject({ state: 'refused', reason: 'HTTP 422: the area covers none of our cells' })
    expect(centres.every((c) => c.received.length === 0)).toBe(true)
  })
})

describe('a centre that answers badly', () => {
  it('retries an answer without reference and cells, takes a refusal in plain text, and gives up on close', async () => {
    const answers: [number, string][] = [
      [200, 'OK'],
      [200, '{"reference":"r-1","cells":[1,2]}'],
      [201, '{"reference":"r-2","cells":["c-1"]}'],
      [403, 'Forbidden'],
    ]
    let requests = 0
    const server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        const [status, body] = answers[Math.min(requests++, answers.length - 1)] ?? [500, '']
        res.writeHead(status).end(body)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cap`
    const operator: BroadcastOperator = {
      id: 'odd',
      url,
      nationalLanguages: ['fr'],
      timeoutMs: 1000,
      attempts: 3,
      retryFirstMs: 10,
      retryMaxMs: 50,
    }
    channel = createBroadcastChannel([operator])
    const [taken] = await channel.send(first)
    expect(taken).toMatchObject({ state: 'accepted', attempts: 3, reference: 'r-2', cells: ['c-1'] })
    const [refused] = await channel.send({ ...first, identifier: 'BE-2' })
    expect(refused).toMatchObject({ state: 'refused', attempts: 1, reason: 'HTTP 403: Forbidden' })

    // a centre that never answers, closed while the channel waits
    answers.length = 0
    server.removeAllListeners('request')
    server.on('request', (req) => req.resume())
    const slow = createBroadcastChannel([{ ...operator, timeoutMs: 60_000, attempts: 5 }])
    const started = Date.now()
    const pending = slow.send({ ...first, identifier: 'BE-3' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await slow.close()
    const [given] = await pending
    expect(given).toMatchObject({ state: 'failed', reason: 'channel closed' })
    expect(Date.now() - started).toBeLessThan(2000)
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
})

describe('the broadcast operators file', () => {
  it('names each bad field and never repeats a token', () => {
    const file = join(dir, 'bad-operators.json')
    writeFileSync(
      file,
      JSON.stringify({
        operators: [
          {
            id: 'Proximus!',
            url: 'http://cbc.example/cap',
            nationalLanguages: [],
            token: 'bad token',
            extra: 1,
          },
          {
            id: 'kpn',
            url: 'https://cbc.kpn.example/cap',
            nationalLanguages: ['nl'],
            attempts: 0,
            caFile: 'missing.pem',
          },
          { id: 'kpn', url: 'https://cbc2.kpn.example/cap', nationalLanguages: ['nl'] },
        ],
        other: true,
      }),
    )
    let problems: string[] = []
    try {
      loadBroadcastOperators(file)
    } catch (error) {
      problems = (error as { details: { problems: string[] } }).details.problems
    }
    expect(problems.map((p) => p.slice(file.length + 2).split(':')[0])).toEqual([
      'other',
      'operators[0].extra',
      'operators[0].id',
      'operators[0].url',
      'operators[0].nationalLanguages',
      'operators[0].token',
      'operators[1].caFile',
      'operators[1].attempts',
      'operators[2].id',
    ])
    expect(problems.join('\n')).not.toContain('bad token')
    expect(() => loadConfig({ env: { LIAISON_BROADCAST_OPERATORS_FILE: file }, cwd: dir })).toThrow(
      /broadcast\.operatorsFile: .*operators\[0\]\.url/,
    )
  })
})
