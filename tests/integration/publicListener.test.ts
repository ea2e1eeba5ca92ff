import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

/** A GET over a real socket, naming whatever Host the test wants. */
function getWithHost(
  url: string,
  path: string,
  host: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the public listener (service public)', () => {
  let node: TestNode
  let publicUrl: string
  beforeAll(async () => {
    node = await startTestNode(engines[0]!, {
      listen: true,
      config: {
        'public.allowedHosts': 'alert.example.org,127.0.0.1,localhost',
        'public.requestsPerMinute': 40,
      },
    })
    publicUrl = node.publicUrl!
  }, 60_000)
  afterAll(async () => node?.dispose())

  it("listens on its own port, a separate origin from the duty desk, and serves none of the duty desk's routes", async () => {
    expect(publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(new URL(publicUrl).port).not.toBe(new URL(node.url).port)
    const page = await fetch(`${publicUrl}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await page.text()
    expect(html).toContain('<h1 data-testid="centre-name">Centre de crise national (NCCN)</h1>')
    expect(await (await fetch(`${publicUrl}/health`)).json()).toMatchObject({
      status: 'ok',
      node: 'be',
      service: 'public',
    })
    for (const path of ['/api/v1/node', '/api/v1/demo/sign-in', '/api/docs/json', '/metrics', '/ready']) {
      const answer = await fetch(`${publicUrl}${path}`)
      expect(answer.status, path).toBe(404)
      expect(await answer.json()).toMatchObject({ error: { code: 'not_found' } })
    }
    // and the duty desk still answers on its own port
    expect((await fetch(`${node.url}/api/v1/node`)).status).toBe(200)
  })

  it('answers 404 JSON for everything else, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/'],
      ['DELETE', '/health'],
      ['PUT', '/api/v1/session'],
      ['GET', '/%2e%2e/etc/passwd'],
    ] as const) {
      const answer = await fetch(`${publicUrl}${path}`, { method })
      expect(answer.status, `${method} ${path}`).toBe(404)
      expect(answer.headers.get('content-type')).toContain('application/json')
      expect(await answer.json()).toMatchObject({ error: { code: 'not_found' } })
    }
  })

  it('sets no cookie and knows no session, even when sent a valid duty desk session', async () => {
    const session = await signedInAs(node, ['duty-officer'])
    const cookie = session.headers()['cookie'] ?? ''
    expect(cookie).not.toBe('')
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/health'],
      ['POST', '/api/v1/session'],
      ['GET', '/api/v1/cases'],
    ] as const) {
      const answer = await fetch(`${publicUrl}${path}`, {
        method,
        headers: { cookie, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(method === 'POST' ? { body: JSON.stringify({ username: 'x', password: 'y' }) } : {}),
      })
      expect(answer.headers.get('set-cookie'), `${method} ${path}`).toBeNull()
      if (path.startsWith('/api')) expect(answer.status).toBe(404)
    }
  })

  it('answers only under its own names (public.url, public.allowedHosts), not the duty desk’s', async () => {
    const port = new URL(publicUrl).port
    expect((await getWithHost(publicUrl, '/', `alert.example.org:${port}`)).status).toBe(200)
    expect((await getWithHost(publicUrl, '/', `localhost:${port}`)).status).toBe(200)
    for (const host of ['evil.example', `evil.example:${port}`, 'alert.example.org.evil.example']) {
      const refused = await getWithHost(publicUrl, '/', host)
      expect(refused.status, host).toBe(421)
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'host_not_allowed' } })
      expect(refused.body).toContain('public.url and public.allowedHosts')
    }
    // /health is for orchestrators, under any name
    expect((await getWithHost(publicUrl, '/health', '10.0.0.7')).status).toBe(200)
    // and the duty desk does not answer for the public listener's names
    expect((await getWithHost(node.url, '/api/v1/node', 'alert.example.org')).status).toBe(421)
  })

  it('sends strict security headers: no script at all, no framing, no referrer', async () => {
    const answer = await fetch(`${publicUrl}/`)
    const csp = answer.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]{44}'/)
    expect(csp).not.toContain('script-src')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(answer.headers.get('x-frame-options')).toBe('DENY')
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer')
    expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin')
    expect((await answer.text()).includes('<script')).toBe(false)
    expect((await fetch(`${publicUrl}/nope`)).headers.get('content-security-policy')).toContain(
      "default-src 'none'",
    )
  })

  it.each([
    [undefined, 'fr', 'Alertes à la population'],
    ['nl-BE,nl;q=0.9', 'nl', 'Waarschuwingen voor de bevolking'],
    ['de-DE', 'de', 'Warnungen an die Bevölkerung'],
    ['en-GB,en;q=0.8,fr;q=0.5', 'en', 'Alerts to the public'],
    ['pl, ja;q=0.5', 'fr', 'Alertes à la population'],
  ])('speaks the language of Accept-Language %j: %s', async (header, language, heading) => {
    const answer = await fetch(`${publicUrl}/`, { headers: header ? { 'accept-language': header } : {} })
    expect(answer.headers.get('content-language')).toBe(language)
    expect(answer.headers.get('vary')).toContain('accept-language')
    const html = await answer.text()
    expect(html).toContain(`<html lang="${language}">`)
    expect(html).toContain(heading)
    // the centre’s languages, and that no alert is in force on this fresh node
    expect(html).toMatch(/data-testid="centre-languages">[^<]+, [^<]+, [^<]+</)
    expect(html).toMatch(/data-testid="no-alerts">[^<]{15,}</)
  })

  it('takes ?lang= over Accept-Language, and ignores a value it does not speak', async () => {
    const chosen = await fetch(`${publicUrl}/?lang=en`, { headers: { 'accept-language': 'nl' } })
    expect(chosen.headers.get('content-language')).toBe('en')
    const unknown = await fetch(`${publicUrl}/?lang=xx&lang=yy&utm_source=radio`, {
      headers: { 'accept-language': 'de' },
    })
    expect(unknown.status).toBe(200)
    expect(unknown.headers.get('content-language')).toBe('de')
  })

  it('limits the requests of one address (429 rate_limited JSON), but never /health', async () => {
    let limited: Response | null = null
    for (let i = 0; i < 60 && !limited; i++) {
      const answer = await fetch(`${publicUrl}/`)
      if (answer.status === 429) limited = answer
      else expect(answer.status).toBe(200)
    }
    expect(limited).not.toBeNull()
    expect(await limited!.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect((await fetch(`${publicUrl}/health`)).status).toBe(200)
    // the duty desk is not limited by the public listener's count
    expect((await fetch(`${node.url}/health`)).status).toBe(200)
  })
})
