import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '@liaison/core'
import type { Channel, PushMessage, VapidKeys } from '@liaison/server'
import {
  createWebPushChannel,
  loadConfig,
  loadVapidKeys,
  vapidPublicKey,
  vapidPublicKeyFor,
  webPushChannelFor,
} from '@liaison/server'
import type { PushEndpoint, SimulatedSubscription } from '@liaison/sim'
import { startPushEndpoint } from '@liaison/sim'
import { makeTestCertificate } from '../support/testCertificate.ts'

const subject = 'mailto:duty@crisis.example'
let dir: string
let tls: { key: Buffer; cert: Buffer }
let vapid: VapidKeys
let endpoint: PushEndpoint | undefined
let channel: Channel | undefined

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-push-'))
  // the push service's certificate, made for this test and trusted by the channel only
  tls = makeTestCertificate(dir)
  vapid = (await loadVapidKeys(join(dir, 'data', 'vapid.key'))).keys
})

afterEach(async () => {
  await channel?.close()
  await endpoint?.close()
  channel = endpoint = undefined
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function push(
  to: SimulatedSubscription,
  language: string,
  n: number,
  extra: Partial<PushMessage> = {},
): PushMessage {
  return {
    channel: 'push',
    id: uuidv7(Date.now(), randomBytes(10)),
    to: { endpoint: to.endpoint, keys: to.keys },
    language,
    title: language === 'fr' ? `Alerte ${n} : Liège` : `NL-Alert ${n}: Antwerpen`,
    text:
      language === 'fr'
        ? 'Restez à l’intérieur, fermez portes et fenêtres.'
        : 'Blijf binnen, sluit ramen en deuren.',
    url: `https://alert.example/a/${n}`,
    ...extra,
  }
}

const channelFor = (options: Partial<Parameters<typeof createWebPushChannel>[0]> = {}) =>
  createWebPushChannel({
    vapid,
    subject,
    ca: tls.cert.toString(),
    serviceHosts: ['127.0.0.1'],
    firstRetryMs: 50,
    ...options,
  })

describe('the Web Push channel against the push endpoint over TLS', () => {
  it('delivers payloads that decrypt to what was sent, signed with the node’s VAPID key, urgent, with their TTL', async () => {
    endpoint = await startPushEndpoint({ ...tls, vapidPublicKey: vapid.publicKey })
    channel = channelFor()
    const subscriptions = Array.from({ length: 40 }, () => endpoint!.subscribe())
    const batch = subscriptions.map((s, i) =>
      push(
        s,
        i % 2 ? 'nl' : 'fr',
        i,
        i === 3 ? { ttlSeconds: 600, urgency: 'normal', topic: 'alert-0190abc' } : {},
      ),
    )
    const outcomes = await channel.send(batch)

    expect(outcomes.map((o) => o.state)).toEqual(batch.map(() => 'submitted'))
    expect(outcomes.every((o) => o.networkRef?.startsWith(`${endpoint!.origin}/message/`))).toBe(true)
    expect(endpoint.refused).toEqual([])
    const byEndpoint = new Map(endpoint.received.map((r) => [r.endpoint, r]))
    for (const [i, message] of batch.entries()) {
      const received = byEndpoint.get(message.to.endpoint)!
      expect(JSON.parse(received.plaintext)).toEqual({
        title: message.title,
        body: message.text,
        url: message.url,
        lang: message.language,
        dir: 'ltr',
      })
      expect(received.urgency).toBe(i === 3 ? 'normal' : 'high')
      expect(received.ttl).toBe(i === 3 ? 600 : 12 * 3600)
      expect(received.topic).toBe(i === 3 ? 'alert-0190abc' : null)
      expect(received.vapid).toMatchObject({ publicKey: vapid.publicKey, subject, audience: endpoint.origin })
    }
  })

  it('shortens a body too long for a push message, and the rest still decrypts', async () => {
    endpoint = await startPushEndpoint(tls)
    channel = channelFor()
    const [outcome] = await channel.send([push(endpoint.subscribe(), 'fr', 1, { text: 'é'.repeat(5000) })])
    expect(outcome!.state).toBe('submitted')
    const payload = JSON.parse(endpoint.received[0]!.plaintext) as { body: string }
    expect(payload.body.endsWith('…')).toBe(true)
    expect(payload.body.length).toBeGreaterThan(1000)
  })

  it('gives an expired subscription (410, and 404) as gone, and fails one whose push service refuses our key', async () => {
    endpoint = await startPushEndpoint({ ...tls, vapidPublicKey: 'BOther' })
    channel = channelFor()
    const expired = endpoint.subscribe()
    const unknown = endpoint.subscribe()
    const refusing = endpoint.subscribe()
    endpoint.answer(expired.endpoint, { status: 410 })
    endpoint.answer(unknown.endpoint, { status: 404 })
    const [a, b, c] = await channel.send([
      push(expired, 'fr', 1),
      push(unknown, 'nl', 2),
      push(refusing, 'nl', 3),
    ])
    expect(a).toMatchObject({ state: 'gone', reason: '410 subscription expired' })
    expect(b).toMatchObject({ state: 'gone', reason: '404 subscription expired' })
    expect(c).toMatchObject({
      state: 'failed',
      reason: '403 signed with another VAPID key than the subscription was made for',
    })
    // 403 is not retried: one request each
    expect(endpoint.refused.map((r) => r.status).sort()).toEqual([403, 404, 410])
  })

  it('retries a 429 after its Retry-After and a 503 with back-off, then delivers; fails one that stays 503', async () => {
    endpoint = await startPushEndpoint(tls)
    channel = channelFor({ attempts: 3 })
    const throttled = endpoint.subscribe()
    const unavailable = endpoint.subscribe()
    const down = endpoint.subscribe()
    endpoint.answer(throttled.endpoint, { status: 429, retryAfterSeconds: 1, times: 1 })
    endpoint.answer(unavailable.endpoint, { status: 503, times: 2 })
    endpoint.answer(down.endpoint, { status: 503 })
    const started = Date.now()
    const [a, b, c] = await channel.send([
      push(throttled, 'fr', 1),
      push(unavailable, 'nl', 2),
      push(down, 'nl', 3),
    ])
    expect(a!.state).toBe('submitted')
    expect(b!.state).toBe('submitted')
    expect(c).toMatchObject({ state: 'failed', reason: '503 push service unavailable (after 3 attempts)' })
    // the 429 was retried only after the second it asked for
    const throttledAt = endpoint.received.find((r) => r.endpoint === throttled.endpoint)!.at.getTime()
    expect(throttledAt - started).toBeGreaterThanOrEqual(950)
    expect(endpoint.refused.filter((r) => r.endpoint === throttled.endpoint).map((r) => r.status)).toEqual([
      429,
    ])
    expect(endpoint.refused.filter((r) => r.endpoint === unavailable.endpoint)).toHaveLength(2)
    expect(endpoint.refused.filter((r) => r.endpoint === down.endpoint)).toHaveLength(3)
  })

  it('sends nothing to an endpoint that is not on an allowed push service, nor with a bad topic', async () => {
    endpoint = await startPushEndpoint(tls)
    channel = channelFor({ serviceHosts: ['fcm.googleapis.com'] })
    const [outcome] = await channel.send([push(endpoint.subscribe(), 'fr', 1)])
    expect(outcome).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/not on an allowed push service/) as string,
    })
    await channel.close()
    channel = channelFor()
    const [badTopic] = await channel.send([push(endpoint.subscribe(), 'fr', 1, { topic: 'has spaces' })])
    expect(badTopic).toMatchObject({
      state: 'failed',
      reason: 'the topic is not 1 to 32 base64url characters',
    })
    expect(endpoint.received).toHaveLength(0)
    expect(endpoint.refused).toHaveLength(0)
  })

  it('fails, after its attempts, a message to a push service it cannot trust', async () => {
    endpoint = await startPushEndpoint(tls)
    channel = createWebPushChannel({
      vapid,
      subject,
      serviceHosts: ['127.0.0.1'],
      attempts: 2,
      firstRetryMs: 20,
    })
    const [outcome] = await channel.send([push(endpoint.subscribe(), 'fr', 1)])
    expect(outcome).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/self.signed.*\(after 2 attempts\)/i) as string,
    })
    expect(endpoint.received).toHaveLength(0)
  })
})

describe('the node’s VAPID key', () => {
  it('is made once with mode 600, read back the same, and refused when it is not a P-256 key', async () => {
    const path = join(dir, 'keys', 'vapid.key')
    const first = await loadVapidKeys(path)
    expect(first.created).toBe(true)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(Buffer.from(first.keys.publicKey, 'base64url')).toHaveLength(65)
    const again = await loadVapidKeys(path)
    expect(again).toEqual({ keys: first.keys, created: false, looseMode: false })
    expect(await vapidPublicKey(path)).toBe(first.keys.publicKey)
    // two processes starting at once agree on one key
    const racePath = join(dir, 'race', 'vapid.key')
    const [x, y] = await Promise.all([loadVapidKeys(racePath), loadVapidKeys(racePath)])
    expect(x.keys).toEqual(y.keys)

    // the node's configuration puts it in the data directory, beside the node's other keys
    const config = loadConfig({ env: { LIAISON_DATA_DIR: join(dir, 'node') }, cwd: dir })
    const published = await vapidPublicKeyFor(config)
    expect(statSync(join(dir, 'node', 'vapid.key')).mode & 0o777).toBe(0o600)
    expect(published).toBe((await loadVapidKeys(join(dir, 'node', 'vapid.key'))).keys.publicKey)
    const fromConfig = await webPushChannelFor(config)
    expect(fromConfig.kind).toBe('push')
    await fromConfig.close()

    const ed25519 = join(dir, 'ed.key')
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', ed25519], { stdio: 'ignore' })
    await expect(loadVapidKeys(ed25519)).rejects.toThrow(/not P-256/)
    writeFileSync(join(dir, 'bad.key'), 'not a key')
    await expect(loadVapidKeys(join(dir, 'bad.key'))).rejects.toThrow(/PKCS#8 PEM/)
  })
})
