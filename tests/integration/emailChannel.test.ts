import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '@liaison/core'
import type { Channel, EmailMessage } from '@liaison/server'
import { createEmailChannel, emailChannelFor, loadConfig } from '@liaison/server'
import type { SmtpSink } from '@liaison/sim'
import { startSmtpSink } from '@liaison/sim'
import { makeTestCertificate } from '../support/testCertificate.ts'

const from = 'Centre de crise <alert@crisis.example>'
let sink: SmtpSink | undefined
let channel: Channel | undefined

let dir: string
let tls: { key: Buffer; cert: Buffer }
// an address of this machine's that is not loopback, to play a relay elsewhere on the network
const lan = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-smtp-'))
  // the relay's certificate, made for this test and trusted by the channel only
  tls = makeTestCertificate(dir, lan ? [lan] : [])
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

afterEach(async () => {
  await channel?.close()
  await sink?.close()
  channel = sink = undefined
})

function email(to: string, language: 'fr' | 'nl', n: number): EmailMessage {
  const id = uuidv7(Date.now(), randomBytes(10))
  return language === 'fr'
    ? {
        channel: 'email',
        id,
        to,
        language,
        subject: `Alerte n° ${n} : restez à l’intérieur`,
        text: `Incendie à Liège <usine> & fumées.\nFermez portes et fenêtres.\n\nInfos : https://alert.example/a/${n}`,
        unsubscribeUrl: `https://alert.example/u/${id}`,
      }
    : {
        channel: 'email',
        id,
        to,
        language,
        subject: `Waarschuwing ${n}: blijf binnen`,
        text: `Brand in Antwerpen. Sluit ramen en deuren.\n\nMeer: https://alert.example/a/${n}`,
        unsubscribeUrl: `https://alert.example/u/${id}`,
      }
}

describe('the e-mail channel against the SMTP sink', () => {
  it('delivers 200 e-mails in French and Dutch, each with both parts, its language and the unsubscribe headers', async () => {
    sink = await startSmtpSink({ users: { liaison: 's3cret pass' } })
    channel = createEmailChannel({
      smtpUrl: `smtp://liaison:${encodeURIComponent('s3cret pass')}@127.0.0.1:${sink.port}`,
      from,
      unsubscribeMailto: 'leave@crisis.example',
      maxConnections: 4,
    })
    const batch = Array.from({ length: 200 }, (_, i) =>
      email(`person${i}@example.${i % 2 ? 'nl' : 'be'}`, i % 2 ? 'nl' : 'fr', i),
    )
    const outcomes = await channel.send(batch)

    expect(outcomes.map((o) => o.state)).toEqual(batch.map(() => 'submitted'))
    expect(outcomes.map((o) => o.id)).toEqual(batch.map((m) => m.id))
    expect(sink.messages).toHaveLength(200)
    const byId = new Map(sink.messages.map((m) => [m.parsed.header('message-id'), m]))
    for (const [i, message] of batch.entries()) {
      const outcome = outcomes[i]!
      expect(outcome.networkRef).toBe(`<${message.id}@crisis.example>`)
      const received = byId.get(outcome.networkRef)!
      expect(received.rcptTo).toEqual([message.to])
      expect(received.mailFrom).toBe('alert@crisis.example')
      expect(received.user).toBe('liaison')
      const mail = received.parsed
      expect(mail.subject).toBe(message.subject)
      expect(mail.header('content-language')).toBe(message.language)
      expect(mail.header('content-type')).toMatch(/^multipart\/alternative/)
      expect(mail.header('list-unsubscribe')).toBe(
        `<${message.unsubscribeUrl}>, <mailto:leave@crisis.example?subject=unsubscribe%20${message.id}>`,
      )
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      expect(mail.text).toContain(message.text.split('\n')[0])
      expect(mail.text).toContain(
        `${message.language === 'fr' ? 'Se désinscrire' : 'Afmelden'}: ${message.unsubscribeUrl}`,
      )
      expect(mail.html).toContain(`<html lang="${message.language}" dir="ltr">`)
      expect(mail.html).toContain(`<a href="${message.unsubscribeUrl}"`)
    }
    const french = byId.get(outcomes[0]!.networkRef)!.parsed
    // the text's markup is escaped, never passed through
    expect(french.html).toContain('Incendie à Liège &lt;usine&gt; &amp; fumées.<br>')
    expect(french.html).not.toContain('<usine>')
    expect(french.html).toContain('<a href="https://alert.example/a/0">https://alert.example/a/0</a>')
  })

  it('sends the batch over several connections at once, no more than the pool allows', async () => {
    sink = await startSmtpSink({ delayMs: 100 })
    channel = createEmailChannel({ smtpUrl: sink.url, from, maxConnections: 3 })
    const outcomes = await channel.send(
      Array.from({ length: 12 }, (_, i) => email(`p${i}@example.be`, 'fr', i)),
    )
    expect(outcomes.every((o) => o.state === 'submitted')).toBe(true)
    expect(sink.messages).toHaveLength(12)
    // each message waits 200 ms at the sink (RCPT and DATA): the pool opens its three connections
    expect(sink.peakConnections).toBe(3)
  })

  it('gives a 550 recipient as gone with the server’s words, retries a 451 one until it is taken, and fails one that stays 451', async () => {
    sink = await startSmtpSink({
      refuse: {
        'nobody@example.be': { code: 550 },
        'policy@example.be': { code: 554, message: '5.7.1 rejected by policy' },
        'later@example.be': { code: 451, times: 2 },
        'never@example.be': { code: 451 },
      },
    })
    channel = createEmailChannel({ smtpUrl: sink.url, from, attempts: 3, firstRetryMs: 50 })
    const batch = ['nobody', 'policy', 'later', 'never', 'fine'].map((name, i) =>
      email(`${name}@example.be`, 'fr', i),
    )
    const [nobody, policy, later, never, fine] = await channel.send(batch)

    expect(nobody).toMatchObject({
      state: 'gone',
      reason: expect.stringMatching(/^550 5\.1\.1 <nobody@example\.be>: user unknown/) as string,
    })
    expect(policy).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^554 5\.7\.1 rejected by policy/) as string,
    })
    expect(later).toMatchObject({ state: 'submitted', networkRef: `<${batch[2]!.id}@crisis.example>` })
    expect(never).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^451 .*\(after 3 attempts\)$/) as string,
    })
    expect(fine!.state).toBe('submitted')
    // later: refused twice, then taken; never: refused on each of its 3 attempts
    expect(sink.refusals.filter((r) => r.address === 'later@example.be')).toHaveLength(2)
    expect(sink.refusals.filter((r) => r.address === 'never@example.be')).toHaveLength(3)
    expect(sink.refusals.filter((r) => r.address === 'nobody@example.be')).toHaveLength(1)
    expect(sink.messages.map((m) => m.rcptTo[0]).sort()).toEqual(['fine@example.be', 'later@example.be'])
  })

  it('retries while the server is down and fails the message with the connection’s words after its attempts', async () => {
    sink = await startSmtpSink()
    const port = sink.port
    await sink.close()
    sink = undefined
    channel = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, from, attempts: 2, firstRetryMs: 20 })
    const [outcome] = await channel.send([email('p@example.be', 'nl', 1)])
    expect(outcome).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/ECONNREFUSED.*\(after 2 attempts\)/) as string,
    })
  })

  it('lets no header or recipient in through a subject or an address with a line break, a list or a name', async () => {
    sink = await startSmtpSink()
    channel = createEmailChannel({ smtpUrl: sink.url, from })
    const message = {
      ...email('p@example.be', 'fr', 1),
      subject: 'Alerte\r\nBcc: victim@example.org\r\nX-Injected: 1',
    }
    const [outcome, ...badAddresses] = await channel.send([
      message,
      { ...email('p@example.be', 'nl', 2), to: 'p@example.be\r\nBcc: victim@example.org' },
      { ...email('p@example.be', 'nl', 3), to: 'p@example.be, victim@example.org' },
      { ...email('p@example.be', 'nl', 4), to: 'Someone <victim@example.org>' },
      { ...email('p@example.be', 'nl', 5), unsubscribeUrl: 'javascript:alert(1)' },
      { ...email('p@example.be', 'fr', 6), language: 'fr\r\nBcc: victim@example.org' },
    ])
    expect(outcome!.state).toBe('submitted')
    expect(badAddresses).toMatchObject([
      ...[1, 2, 3].map(() => ({ state: 'failed', reason: 'the recipient is not one e-mail address' })),
      { state: 'failed', reason: 'the unsubscribe address is not an http(s) URL' },
      { state: 'submitted' },
    ])
    expect(sink.messages).toHaveLength(2)
    for (const received of sink.messages) {
      expect(received.rcptTo).toEqual(['p@example.be'])
      expect(received.parsed.headers.has('bcc')).toBe(false)
      expect(received.parsed.headers.has('x-injected')).toBe(false)
    }
    const undetermined = sink.messages.find((m) => m.parsed.header('content-language') === 'und')
    expect(undetermined?.parsed.html).toContain('<html lang="und" dir="ltr">')
  })

  it('fails every message, without retrying, when the server refuses its credentials', async () => {
    sink = await startSmtpSink({ users: { liaison: 'right' } })
    channel = createEmailChannel({
      smtpUrl: `smtp://liaison:wrong@127.0.0.1:${sink.port}`,
      from,
      firstRetryMs: 10_000,
    })
    const outcomes = await channel.send([email('a@example.be', 'fr', 1), email('b@example.be', 'nl', 2)])
    expect(outcomes).toMatchObject([
      { state: 'failed', reason: expect.stringMatching(/535 5\.7\.8/) as string },
      { state: 'failed', reason: expect.stringMatching(/535 5\.7\.8/) as string },
    ])
    expect(sink.messages).toHaveLength(0)
  })

  it('is made from the node’s configuration, and not at all without email.smtpUrl', async () => {
    sink = await startSmtpSink()
    const config = loadConfig({
      env: {
        LIAISON_EMAIL_SMTP_URL: sink.url,
        LIAISON_EMAIL_FROM: from,
        LIAISON_EMAIL_UNSUBSCRIBE_MAILTO: 'leave@crisis.example',
      },
      cwd: '/srv/liaison',
    })
    channel = emailChannelFor(config)!
    const message = email('p@example.be', 'fr', 1)
    expect(await channel.send([message])).toMatchObject([{ state: 'submitted' }])
    expect(sink.messages[0]!.parsed.header('list-unsubscribe')).toContain('<mailto:leave@crisis.example?')
    expect(emailChannelFor(loadConfig({ env: {}, cwd: '/srv/liaison' }))).toBeNull()
  })

  it('upgrades with STARTTLS when the relay offers it, speaks TLS from the start on smtps://, and trusts only its CA', async () => {
    sink = await startSmtpSink({ tls, users: { liaison: 'pw' } })
    channel = createEmailChannel({
      smtpUrl: `smtp://liaison:pw@127.0.0.1:${sink.port}`,
      from,
      ca: tls.cert.toString(),
    })
    expect(await channel.send([email('a@example.be', 'fr', 1)])).toMatchObject([{ state: 'submitted' }])
    expect(sink.messages.map((m) => [m.secure, m.user])).toEqual([[true, 'liaison']])
    await channel.close()

    // without the CA, the relay's certificate is not trusted: nothing is sent in the clear instead
    channel = createEmailChannel({
      smtpUrl: `smtp://liaison:pw@127.0.0.1:${sink.port}`,
      from,
      attempts: 2,
      firstRetryMs: 20,
    })
    const [untrusted] = await channel.send([email('b@example.be', 'fr', 2)])
    expect(untrusted).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/self.signed.*\(after 2 attempts\)/i) as string,
    })
    expect(sink.messages).toHaveLength(1)
    await channel.close()
    await sink.close()

    sink = await startSmtpSink({ tls, implicitTls: true })
    expect(sink.url).toMatch(/^smtps:\/\//)
    channel = createEmailChannel({ smtpUrl: sink.url, from, ca: tls.cert.toString() })
    expect(await channel.send([email('c@example.be', 'nl', 3)])).toMatchObject([{ state: 'submitted' }])
    expect(sink.messages.map((m) => m.secure)).toEqual([true])
  })

  it.skipIf(!lan)(
    'requires STARTTLS of a relay that is not on loopback, and sends nothing in the clear',
    async () => {
      sink = await startSmtpSink({ host: lan! })
      channel = createEmailChannel({ smtpUrl: `smtp://${lan!}:${sink.port}`, from, attempts: 1 })
      const [outcome] = await channel.send([email('a@example.be', 'fr', 1)])
      expect(outcome).toMatchObject({ state: 'failed', reason: expect.stringMatching(/STARTTLS/i) as string })
      expect(sink.messages).toHaveLength(0)
      await channel.close()
      await sink.close()

      sink = await startSmtpSink({ host: lan!, tls })
      channel = createEmailChannel({ smtpUrl: `smtp://${lan!}:${sink.port}`, from, ca: tls.cert.toString() })
      expect(await channel.send([email('a@example.be', 'fr', 1)])).toMatchObject([{ state: 'submitted' }])
      expect(sink.messages.map((m) => m.secure)).toEqual([true])
    },
  )

  it('refuses a sender without a domain and a URL that is not smtp', () => {
    expect(() => createEmailChannel({ smtpUrl: 'smtp://127.0.0.1:25', from: 'alert' })).toThrow(/email.from/)
    expect(() => createEmailChannel({ smtpUrl: 'http://127.0.0.1:25', from })).toThrow(/smtp:\/\//)
  })
})
