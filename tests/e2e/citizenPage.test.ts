import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningNode } from '@liaison/server'
import { startNode } from '@liaison/server'
import type { SimulatedSmsc, SmtpSink } from '@liaison/sim'
import { seriousViolations } from '../support/axe.ts'
import type { ChannelSimulators } from '../support/channelSimulators.ts'
import { startChannelSimulators } from '../support/channelSimulators.ts'
import { browserMissing, launchBrowser } from '../support/browser.ts'
import { screenshotsDir } from '../support/demoBrowser.ts'
import { demoContextOptions } from '../support/demoBrowserSuite.ts'
import { testEngines } from '../support/engines.ts'
import { repoRoot, runCliHere } from '../support/runCli.ts'
import { captureLog, testConfig } from '../support/testNode.ts'

/**
 * The citizen page (issue 11, capability 1) in Chromium, on a node whose SMS channel speaks
 * SMPP to the simulated SMSC on loopback: a person registers a phone with two places (one found
 * among the imported municipalities, one clicked on the map) and two languages in order,
 * confirms the code the SMSC received, downloads everything held and deletes it.
 */
const skip = browserMissing()
const webDir = join(repoRoot, 'packages/web/dist')

describe.skipIf(skip)('the citizen page in Chromium', () => {
  let dir: string
  let channels: ChannelSimulators | undefined
  let smsc: SimulatedSmsc
  let sink: SmtpSink
  let node: RunningNode
  let browser: Browser
  let dispose: (() => Promise<void>) | undefined

  beforeAll(async () => {
    // the page is the web application's second page: build it if it is missing or stale
    const built = spawnSync(process.execPath, ['scripts/ensureWebBuild.js'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    if (built.status !== 0 || !existsSync(join(webDir, 'citizen.html')))
      throw new Error(`the web application did not build:\n${built.stdout}\n${built.stderr}`)
    dir = mkdtempSync(join(tmpdir(), 'liaison-citizen-page-'))
    channels = await startChannelSimulators()
    smsc = channels.smsc
    sink = channels.sink
    // one imported municipality to find by name, imported as an operator would, before the node starts
    const areas = join(dir, 'communes.json')
    writeFileSync(
      areas,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '92094', name: 'Namur' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [4.8, 50.42],
                  [4.94, 50.42],
                  [4.94, 50.5],
                  [4.8, 50.5],
                  [4.8, 50.42],
                ],
              ],
            },
          },
        ],
      }),
    )
    const db = await (await testEngines())[0]!.fresh()
    if (db.options.engine !== 'pglite') throw new Error('the first test engine is PGlite')
    const imported = await runCliHere([
      ...['import', 'areas', '--node-id', 'be', '--node-name', 'Centre de crise national (NCCN)'],
      ...['--data-dir', db.options.dataDir, areas, '--level', 'municipality'],
    ])
    expect(imported.code, imported.stderr).toBe(0)
    node = await startNode({
      config: testConfig(db.options, {
        'http.webDir': webDir,
        ...channels.config,
        'push.vapidKeyFile': join(dir, 'vapid.key'),
        'public.port': 0,
        'public.requestsPerMinute': 100_000,
      }),
      log: captureLog().log,
      listen: true,
    })
    dispose = async () => {
      await node.close()
      await db.dispose()
    }
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await dispose?.()
    await channels?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('registers a phone with two places and two languages, confirms the code the SMSC received, exports and deletes', async () => {
    const publicUrl = node.publicUrl
    if (!publicUrl) throw new Error('the node has no public listener')
    const context = await browser.newContext({ ...demoContextOptions, viewport: { width: 412, height: 915 } })
    const page = await context.newPage()
    const refused: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text())
    })
    // from the centre's public page (no script) to the citizen page
    await page.goto(`${publicUrl}/?lang=en`)
    await page.getByTestId('register-link').click()
    await page.waitForURL(`${publicUrl}/register?lang=en`)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Register', level: 2, exact: true }).count())
      .toBe(1)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await seriousViolations(page)).toEqual([])

    // the page in another language, then back
    await page.getByRole('navigation').getByRole('button', { name: 'Nederlands' }).click()
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Inschrijven')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('navigation').getByRole('button', { name: 'English' }).click()

    const number = '+32470123456'
    await page.getByLabel('Mobile phone number 1').fill('+32 470 12 34 56')
    await page.getByLabel('E-mail address 1').fill('person@example.be')

    // place 1: found among the imported municipalities
    const first = page.getByTestId('place-1')
    await first.getByLabel('Name of the place').fill('home')
    await first.getByLabel('Search a municipality').fill('namu')
    await first.getByRole('button', { name: 'Search' }).click()
    await first.getByRole('button', { name: 'Use Namur' }).click()
    expect(await first.getByLabel('Latitude (degrees north)').inputValue()).toBe('50.46')
    expect(await first.getByLabel('Longitude (degrees east)').inputValue()).toBe('4.87')

    // place 2: clicked on the map, the Benelux outline the node sent
    await page.getByRole('button', { name: 'Add a place' }).click()
    const second = page.getByTestId('place-2')
    await second.getByLabel('Name of the place').fill('school')
    const map = page.getByTestId('place-map')
    const box = await map.boundingBox()
    if (!box) throw new Error('the map is not shown')
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.6 } })
    const lat = Number(await second.getByLabel('Latitude (degrees north)').inputValue())
    const lon = Number(await second.getByLabel('Longitude (degrees east)').inputValue())
    // the middle of the frame (2.4 to 7.3 east), three fifths down (53.65 to 49.35 north)
    expect(lon).toBeCloseTo(4.85, 1)
    expect(lat).toBeCloseTo(51.07, 1)

    // two languages, French first
    await page.getByLabel('Add a language').selectOption('fr')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByRole('button', { name: 'Move Français up' }).click()
    expect(await page.getByTestId('chosen-languages').locator('.language-name').allTextContents()).toEqual([
      'Français',
      'English',
    ])
    await page.getByLabel('Also exercise messages').check()
    mkdirSync(screenshotsDir, { recursive: true })
    await page.screenshot({ path: join(screenshotsDir, 'citizen-page.png'), fullPage: true })
    await page.getByRole('button', { name: 'Register', exact: true }).click()

    // the registration, its phone waiting for the code the SMSC received
    const registration = page.getByTestId('registration')
    await expect.poll(() => registration.count()).toBe(1)
    await expect.poll(() => page.getByTestId('address-sms').textContent()).toContain('waiting for its code')
    expect(await seriousViolations(page)).toEqual([])
    const deadline = Date.now() + 15_000
    let sms = smsc.received().find((m) => m.to === number)
    while (!sms && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
      sms = smsc.received().find((m) => m.to === number)
    }
    if (!sms) throw new Error('the SMSC received no code')
    // the code in the person's first language
    expect(sms.text).toMatch(/code/i)
    const code = /\b(\d{6})\b/.exec(sms.text)?.[1]
    if (!code) throw new Error(`no code in ${sms.text}`)
    await page.getByLabel(`Code sent to ${number}`).fill(code)
    await page.getByTestId('address-sms').getByRole('button', { name: 'Confirm' }).click()
    await expect.poll(() => page.getByTestId('address-sms').textContent()).toContain('confirmed')
    expect(await page.getByTestId('address-sms').textContent()).not.toContain('waiting')
    expect(await page.getByTestId('held-places').locator('li').allTextContents()).toEqual([
      'home (50.4600, 4.8700)',
      `school (${lat.toFixed(4)}, ${lon.toFixed(4)})`,
    ])

    // the e-mail address, never confirmed, is stopped from the page: the phone stays
    await expect.poll(() => sink.messages.some((m) => m.rcptTo.includes('person@example.be'))).toBe(true)
    await page.getByRole('button', { name: 'Stop sending to person@example.be' }).click()
    await expect.poll(() => page.getByTestId('address-email').count()).toBe(0)
    expect(await page.getByRole('status').first().textContent()).toBe(
      'Nothing more goes to person@example.be.',
    )

    // the export: everything held, as a JSON file
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download everything held about me (JSON)' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^registration-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      languages: string[]
      wantsExercise: boolean
      wantsTest: boolean
      addresses: { kind: string; address: string; confirmed: boolean }[]
      places: { label: string; areaCode: string | null }[]
      deliveries: { purpose: string }[]
    }
    expect(exported.languages).toEqual(['fr', 'en'])
    expect([exported.wantsExercise, exported.wantsTest]).toEqual([true, false])
    expect(exported.addresses.map((a) => [a.kind, a.address, a.confirmed])).toEqual([['sms', number, true]])
    expect(exported.places.map((p) => [p.label, p.areaCode])).toEqual([
      ['home', '92094'],
      ['school', null],
    ])
    // the stopped address's delivery row stays, detached from it; both were confirmation codes
    expect(exported.deliveries.map((d) => d.purpose)).toEqual(['confirmation', 'confirmation'])
    await page.screenshot({ path: join(screenshotsDir, 'citizen-registration.png'), fullPage: true })

    // a change: the school removed, English first; the places are replaced as a whole
    await page.getByRole('button', { name: 'Change places, languages and messages' }).click()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByTestId('place-2').getByRole('button', { name: 'Remove this place' }).click()
    await page.getByRole('button', { name: 'Move English up' }).click()
    await page.getByRole('button', { name: 'Save the changes' }).click()
    await expect
      .poll(() => page.getByTestId('held-places').locator('li').allTextContents())
      .toEqual(['home (50.4600, 4.8700)'])
    expect(await page.getByTestId('held-languages').locator('li').allTextContents()).toEqual([
      'English',
      'Français',
    ])

    // the erasure: asked twice, then nothing is held and the token is gone from this browser
    const token = await page.evaluate(() => localStorage.getItem('liaison.citizen.token'))
    expect(token).toMatch(/^lsub_/)
    await page.getByRole('button', { name: 'Delete my registration' }).click()
    await page.getByRole('button', { name: 'Yes, delete everything' }).click()
    await expect.poll(() => page.getByTestId('page-note').textContent()).toContain('deleted')
    expect(await page.evaluate(() => localStorage.getItem('liaison.citizen.token'))).toBeNull()
    expect(await page.getByRole('heading', { name: 'Register', level: 2, exact: true }).count()).toBe(1)
    const after = await fetch(`${publicUrl}/public/v1/subscriber`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(after.status).toBe(401)
    // the page ran under its own policy: nothing it loads or runs was refused
    expect(refused.filter((m) => /Content Security Policy/i.test(m))).toEqual([])
    await context.close()
  })
})
