import { describe, expect, it } from 'vitest'
import { SimulatedSmsc } from '../smsc/SimulatedSmsc.ts'
import { startSmtpSink } from '../smtp/SmtpSink.ts'
import type { ReceivedMail } from '../smtp/SmtpSink.ts'
import { parseMailMessage } from '../smtp/parseMailMessage.ts'
import { simulatorPage } from './simulatorPage.ts'
import { startSimulatorPage } from './startSimulatorPage.ts'

const mail = (to: string, subject: string, text: string, at: Date): ReceivedMail => {
  const raw = Buffer.from(`Subject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`)
  return {
    queueId: 'q',
    mailFrom: 'noreply@x.be',
    rcptTo: [to],
    secure: false,
    user: null,
    raw,
    parsed: parseMailMessage(raw),
    at,
  }
}

describe("the simulators' page", () => {
  it('lists what each network received, newest first, escaped, and says which networks are not running', () => {
    const html = simulatorPage({
      smtp: {
        messages: [
          mail('a@x.be', 'Code <1>', 'Votre code : 123456', new Date('2026-12-04T10:00:00Z')),
          mail('b@x.be', 'Later', 'second', new Date('2026-12-04T10:05:00Z')),
        ],
      },
    })
    expect(html).toContain('Code &lt;1&gt;')
    expect(html).not.toContain('Code <1>')
    expect(html.indexOf('b@x.be')).toBeLessThan(html.indexOf('a@x.be'))
    expect(html).toContain('E-mail (SMTP sink) <span class="count">(2)</span>')
    expect(html).toMatch(/SMS \(simulated SMSC\)<\/h2><p>Not running in this demo/)
    expect(html).not.toContain('<script')
  })

  it('serves the page and the JSON of what the running simulators received, and nothing else', async () => {
    const smsc = await SimulatedSmsc.start({ systemId: 'sim', password: 'secret' })
    const sink = await startSmtpSink()
    const page = await startSimulatorPage({ smsc, smtp: sink })
    try {
      const html = await fetch(`${page.url}/`)
      expect(html.status).toBe(200)
      expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(await html.text()).toContain('Nothing received yet.')
      const json: unknown = await (await fetch(`${page.url}/received.json`)).json()
      expect(json).toEqual({ sms: [], email: [], push: [], broadcast: [] })
      expect((await fetch(`${page.url}/nope`)).status).toBe(404)
      expect((await fetch(`${page.url}/`, { method: 'POST' })).status).toBe(405)
    } finally {
      await page.close()
      await sink.close()
      await smsc.close()
    }
  })
})
