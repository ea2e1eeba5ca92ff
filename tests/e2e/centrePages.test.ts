import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserMissing, launchBrowser } from '../support/browser.ts'
import type { DemoProcess } from '../support/demoProcess.ts'
import { freePorts, startDemoProcess } from '../support/demoProcess.ts'

const skip = browserMissing()

describe.skipIf(skip)('each demo centre in a real browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-pages-'))
  let demo: DemoProcess
  let browser: Browser
  beforeAll(async () => {
    demo = await startDemoProcess({ ports: await freePorts(3), dataDir })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    demo?.child.kill('SIGINT')
    await demo?.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it.each([
    [0, 'Centre de crise national (NCCN)', 'Police fédérale'],
    [1, 'Nationaal Crisiscentrum (NCC)', 'Veiligheidsregio Zuid-Limburg'],
    [2, 'Haut-Commissariat à la Protection nationale (HCPN)', 'CGDIS'],
  ])(
    'node %i shows its centre, %s, and a partner among its demo accounts',
    async (index, centre, partner) => {
      const page = await browser.newPage()
      const errors: string[] = []
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      const response = await page.goto(`${demo.urls[index]}/`)
      expect(response?.status()).toBe(200)
      await expect.poll(() => page.getByTestId('centre-name').textContent()).toBe(centre)
      expect(await page.title()).toBe(`${centre} · Liaison`)
      await expect.poll(() => page.getByTestId('demo-users').textContent()).toContain(partner)
      // the stylesheet loaded under the page's own content security policy
      expect(
        await page.evaluate(() => getComputedStyle(document.querySelector('header')!).backgroundColor),
      ).toBe('rgb(11, 61, 99)')
      expect(errors).toEqual([])
      await page.close()
    },
  )

  it('serves the API documentation page', async () => {
    const page = await browser.newPage()
    await page.goto(`${demo.urls[0]}/api/docs`)
    await expect
      .poll(() => page.locator('.swagger-ui .title').first().textContent(), { timeout: 15_000 })
      .toContain('Liaison API (be)')
    await page.close()
  })
})
