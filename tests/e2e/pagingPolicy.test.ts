import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing, launchBrowser } from '../support/browser.ts'
import type { DemoProcess } from '../support/demoProcess.ts'
import { freePorts, startDemoProcess } from '../support/demoProcess.ts'
import { demoAccount, fillSignIn as signIn } from '../support/demoBrowser.ts'

/**
 * The administrator's On-call chain page (decision 044) in Chromium: a person without a
 * confirmed paging address is refused with the node's reason in the page's language; the chain
 * emptied again saves; the page has no serious accessibility problem.
 */
describe.skipIf(browserMissing())('the on-call chain page in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-paging-web-'))
  let demo: DemoProcess
  let browser: Browser

  beforeAll(async () => {
    // three centres seeding at once on a busy machine: give the first start time
    demo = await startDemoProcess({ ports: await freePorts(3), dataDir, timeoutMs: 240_000 })
    browser = await launchBrowser()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    demo?.child.kill('SIGINT')
    await demo?.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses a person who cannot be reached, then saves an empty chain', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' })
    const page = await context.newPage()
    const url = demo.urls[0]!
    const admin = await demoAccount(url, 'admin')
    await signIn(page, url, 'admin', admin.password, admin.code)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On-call chain' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'On-call chain', level: 1 }).count()).toBe(1)
    await expect.poll(() => page.getByText('Nobody is on the chain').count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])

    const add = page.getByTestId('paging-add')
    const first = await add.locator('option').nth(1).getAttribute('value')
    await add.selectOption(first ?? '')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await expect.poll(() => page.getByTestId('paging-chain').locator('li').count()).toBe(1)
    await page.getByTestId('paging-severity').selectOption('major')
    await page.getByTestId('paging-save').click()
    await expect
      .poll(() => page.getByText('without a confirmed paging phone or e-mail address').count())
      .toBeGreaterThan(0)

    await page.getByRole('button', { name: /^Remove .* from the chain$/ }).click()
    await page.getByTestId('paging-save').click()
    await expect
      .poll(() => page.getByTestId('paging-status').textContent())
      .toContain('The on-call chain is saved.')
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })
})
