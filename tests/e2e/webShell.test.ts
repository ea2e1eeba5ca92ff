import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCode } from '@liaison/server'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing, launchBrowser } from '../support/browser.ts'
import type { DemoProcess } from '../support/demoProcess.ts'
import { freePorts, startDemoProcess } from '../support/demoProcess.ts'
import { demoAccount, fillSignIn as signIn, screenshotsDir } from '../support/demoBrowser.ts'

const skip = browserMissing()
const screenshots = screenshotsDir

describe.skipIf(skip)('the web shell in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-web-'))
  let demo: DemoProcess
  let browser: Browser
  const pages: Page[] = []
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 860 },
    })
    const page = await context.newPage()
    pages.push(page)
    return page
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true })
    demo = await startDemoProcess({ ports: await freePorts(3), dataDir })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    demo?.child.kill('SIGINT')
    await demo?.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows each centre on its sign-in page, with the demo accounts, accessibly', async () => {
    const page = await newPage()
    for (const [i, name] of [
      'Centre de crise national (NCCN)',
      'Nationaal Crisiscentrum (NCC)',
      'Haut-Commissariat à la Protection nationale (HCPN)',
    ].entries()) {
      await page.goto(`${demo.urls[i]}/`)
      await expect.poll(() => page.getByTestId('centre-name').textContent()).toBe(name)
      await expect.poll(() => page.getByTestId('demo-users').isVisible()).toBe(true)
    }
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(screenshots, 'sign-in.png') })
  })

  it('switches language, and remembers it', async () => {
    const page = await newPage()
    await page.goto(`${demo.urls[0]}/`)
    await page.getByLabel('Language').selectOption('fr')
    await expect.poll(() => page.getByRole('heading', { name: 'Connexion' }).count()).toBe(1)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr')
    await page.reload()
    await expect.poll(() => page.getByRole('heading', { name: 'Connexion' }).count()).toBe(1)
    await page.getByLabel('Langue').selectOption('nl')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('signs in with password and one-time code, then lets an admin add a user who enrols a code', async () => {
    const page = await newPage()
    const url = demo.urls[0]!
    const admin = await demoAccount(url, 'admin')
    await signIn(page, url, 'admin', admin.password, admin.code)
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('Ada Admin')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(screenshots, 'home.png') })

    await page.getByRole('link', { name: 'Users' }).click()
    const form = page.getByTestId('add-user-form')
    await form.getByLabel('Username').fill('new.officer')
    await form.getByLabel('Full name').fill('Nadia Officer')
    await form.getByLabel('Duty officer').check()
    await form.getByLabel('Initial password').fill('a long enough passphrase')
    await form.getByRole('button', { name: 'Add user' }).click()
    await expect.poll(() => page.getByText('User new.officer added.').count()).toBe(1)
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain('new.officer')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(screenshots, 'users.png') })

    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await expect.poll(() => page.getByTestId('signin-form').isVisible()).toBe(true)

    await signIn(page, url, 'new.officer', 'a long enough passphrase')
    await expect.poll(() => page.getByTestId('totp-secret').isVisible()).toBe(true)
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(await seriousViolations(page)).toEqual([])
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '')
    await page.getByLabel('Code from the app').fill(totpCode(secret, Date.now()))
    await page.getByRole('button', { name: 'Confirm' }).click()
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('Nadia Officer')
  })

  it('creates a token that works, shows its secret once, and revokes it', async () => {
    const page = await newPage()
    const url = demo.urls[1]!
    const admin = await demoAccount(url, 'admin')
    await signIn(page, url, 'admin', admin.password, admin.code)
    await page.getByRole('link', { name: 'API tokens' }).click()
    const form = page.getByTestId('create-token-form')
    await form.getByLabel('Name').fill('weather-feed')
    await form.getByLabel('read', { exact: true }).check()
    await form.getByLabel('Valid for (days)').fill('30')
    await form.getByRole('button', { name: 'Create token' }).click()
    const secretBox = page.getByTestId('token-secret')
    await expect.poll(() => secretBox.isVisible()).toBe(true)
    const secret = /lia_[A-Za-z0-9_-]{43}/.exec(
      (await secretBox.textContent()) ?? (await secretBox.inputValue()),
    )?.[0]
    expect(secret).toBeDefined()
    expect(
      (await fetch(`${url}/api/v1/organisations`, { headers: { authorization: `Bearer ${secret}` } })).status,
    ).toBe(200)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(screenshots, 'token-created.png') })
    await page.getByRole('button', { name: 'I have copied it' }).click()
    await expect.poll(() => page.getByTestId('token-secret').count()).toBe(0)

    await page.getByTestId('tokens-table').getByRole('button', { name: 'Revoke' }).first().click()
    await page.getByRole('button', { name: 'Yes, revoke it' }).click()
    await expect.poll(() => page.getByText('Token weather-feed revoked.').count()).toBe(1)
    expect(
      (await fetch(`${url}/api/v1/organisations`, { headers: { authorization: `Bearer ${secret}` } })).status,
    ).toBe(401)

    await page.getByRole('link', { name: 'Audit' }).click()
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('token.revoke')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('draws the Benelux map offline', async () => {
    const page = await newPage()
    const url = demo.urls[2]!
    const account = await demoAccount(url, 'viewer')
    await signIn(page, url, 'viewer', account.password, account.code)
    await expect.poll(() => page.getByTestId('user-menu').isVisible()).toBe(true)
    await page.getByRole('link', { name: 'Map' }).click()
    await expect.poll(() => page.locator('[data-testid="map"] canvas').count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => page.getByText('Boundaries: Natural Earth').count()).toBeGreaterThan(0)
    await page.waitForTimeout(1_000)
    await page.screenshot({ path: join(screenshots, 'map.png') })
  })
})
