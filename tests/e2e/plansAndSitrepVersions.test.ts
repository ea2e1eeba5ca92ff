import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing, launchBrowser } from '../support/browser.ts'
import type { DemoProcess } from '../support/demoProcess.ts'
import { freePorts, startDemoProcess } from '../support/demoProcess.ts'
import { screenshotsDir, signInAsDemo as signIn } from '../support/demoBrowser.ts'

const skip = browserMissing()
const screenshots = screenshotsDir

/** The case of a case room's address (`…/#/cases/<id>`). */
const caseIdOf = (page: Page): string => decodeURIComponent(page.url().split('/').pop() ?? '')

/** A small PDF: the node checks the first bytes, not the whole file. */
const pdf = (text: string): Buffer =>
  Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${text}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`)

describe.skipIf(skip)("plan documents and a report's earlier versions in Chromium", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-plans-'))
  let demo: DemoProcess
  let browser: Browser
  let url = ''
  let crisis: Page
  const planTitle = 'Plan canicule Province de Liège'

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true })
    demo = await startDemoProcess({ ports: await freePorts(3), dataDir })
    url = demo.urls[0]!
    browser = await launchBrowser()
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 900 },
    })
    crisis = await context.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    demo?.child.kill('SIGINT')
    await demo?.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  const planRow = (): Locator =>
    crisis.getByTestId('plans-table').getByRole('row').filter({ hasText: planTitle })

  const upload = async (file: { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> => {
    const form = crisis.getByTestId('plan-upload-form')
    await expect.poll(() => form.isVisible()).toBe(true)
    await form.getByLabel('Document file').setInputFiles(file)
    await form.getByRole('button', { name: 'Upload' }).click()
    return form
  }

  it("lists the demo's plans with their documents, and a case's activated plan with its document", async () => {
    // signed in once for the whole file: the one-time code of this minute is spent afterwards
    await signIn(crisis, url, 'crisis')
    await crisis.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click()
    await expect.poll(() => crisis.getByRole('heading', { name: 'Plans library', level: 1 }).count()).toBe(1)
    const seveso = crisis.getByTestId('plans-table').getByRole('row').filter({ hasText: 'PPUI SEVESO' })
    const link = seveso.getByRole('link', { name: /\.pdf$/ })
    await expect.poll(() => link.count()).toBe(1)
    expect(await link.getAttribute('href')).toMatch(/^\/api\/v1\/plan-documents\/.+/)
    expect(await seveso.textContent()).toContain('by Dirk Duty')

    await crisis.goto(`${url}/#/cases`)
    await crisis
      .getByRole('link', { name: /Incendie industriel à Visé/ })
      .first()
      .click()
    const activated = crisis.getByTestId('case-plans')
    await expect.poll(() => activated.textContent()).toContain('PPUI SEVESO')
    expect(await activated.getByRole('link', { name: /\.pdf$/ }).getAttribute('href')).toMatch(
      /^\/api\/v1\/plan-documents\/.+/,
    )
  })

  it('adds a plan, uploads its document and a second version, and keeps the first', async () => {
    await crisis.goto(`${url}/#/plans`)
    await crisis.getByRole('button', { name: 'Add a plan' }).click()
    const form = crisis.getByTestId('plan-form')
    await form.getByLabel('Title').fill(planTitle)
    await form.getByLabel('Area').fill('Province de Liège')
    await form.getByLabel('Version').fill('2026.1')
    await form.getByLabel('Valid until').fill('2030-06-30')
    await form.getByRole('button', { name: 'Add the plan' }).click()

    // the new plan's document comes next
    const first = pdf('canicule v1')
    const uploadForm = await upload({ name: 'canicule-v1.pdf', mimeType: 'application/pdf', buffer: first })
    await expect.poll(() => uploadForm.count()).toBe(0)
    const row = planRow()
    await expect.poll(() => row.getByRole('link', { name: 'canicule-v1.pdf' }).count()).toBe(1)
    expect(await row.textContent()).toContain(`canicule-v1.pdf (${first.length} B)`)
    expect(await row.textContent()).toContain('by Chloé Crisis')
    const href = (await row.getByRole('link', { name: 'canicule-v1.pdf' }).getAttribute('href')) ?? ''
    const download = await crisis.evaluate(async (path) => {
      const response = await fetch(path)
      return {
        disposition: response.headers.get('content-disposition'),
        start: (await response.text()).slice(0, 8),
      }
    }, href)
    expect(download).toEqual({
      disposition: "attachment; filename*=UTF-8''canicule-v1.pdf",
      start: '%PDF-1.4',
    })

    await row.getByRole('button', { name: /^New document version/ }).click()
    await upload({ name: 'canicule-v2.pdf', mimeType: 'application/pdf', buffer: pdf('canicule v2') })
    await expect.poll(() => row.getByRole('link', { name: 'canicule-v2.pdf' }).count()).toBe(1)

    // the earlier versions open from the keyboard and load when opened
    const earlier = row.locator('summary', { hasText: 'Earlier versions' })
    await earlier.focus()
    await crisis.keyboard.press('Enter')
    const versions = row.getByTestId('plan-document-versions')
    await expect.poll(() => versions.getByRole('link', { name: 'canicule-v1.pdf' }).count()).toBe(1)
    expect(await versions.getByRole('link', { name: 'canicule-v2.pdf' }).count()).toBe(0)
    expect(await seriousViolations(crisis)).toEqual([])
    await crisis.screenshot({ path: join(screenshots, 'plans.png'), fullPage: true })
  })

  it('refuses a file that is not what it claims to be, or not a kind a plan may have, and says why', async () => {
    const row = planRow()
    await row.getByRole('button', { name: /^New document version/ }).click()
    // a program renamed and declared as a PDF: the node reads its first bytes
    const form = await upload({
      name: 'canicule-v3.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
    })
    const refusal = form.getByTestId('plan-upload-error')
    await expect.poll(() => refusal.textContent()).toContain('“canicule-v3.pdf” was not stored')
    expect(await refusal.textContent()).toContain('its content is not what its type says (PDF)')

    // a kind of file a plan may not have never leaves the browser
    await form.getByLabel('Document file').setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ'),
    })
    await form.getByRole('button', { name: 'Upload' }).click()
    await expect.poll(() => form.getByLabel('Document file').getAttribute('aria-invalid')).toBe('true')
    expect(await form.textContent()).toContain('“setup.exe” is not a kind of file a plan’s document may be')
    expect(await seriousViolations(crisis)).toEqual([])
    await form.getByRole('button', { name: 'Cancel' }).click()
    expect(await row.getByRole('link', { name: 'canicule-v2.pdf' }).count()).toBe(1)
  })

  it("changes the plan's details, kept by the crisis manager's organisation", async () => {
    const row = planRow()
    await row.getByRole('button', { name: /^Edit/ }).click()
    const form = crisis.getByTestId('plan-edit-form')
    expect(await form.getByLabel('Title').inputValue()).toBe(planTitle)
    await form.getByLabel('Version').fill('2026.2')
    await form.getByLabel('Scope').fill('Heatwave: drinking water, cooling centres, vulnerable people')
    await form.getByRole('button', { name: 'Save the plan' }).click()
    await expect.poll(() => row.textContent()).toContain('2026.2')
    expect(await row.textContent()).toContain('cooling centres')
    expect(await row.getByRole('link', { name: 'canicule-v2.pdf' }).count()).toBe(1)
  })

  it("lists a draft report's earlier versions, each readable", async () => {
    await crisis.goto(`${url}/#/`)
    await crisis.getByRole('button', { name: 'Open a case' }).click()
    const open = crisis.getByTestId('open-case-form')
    await open.getByLabel('Status').selectOption('exercise')
    await open.getByLabel('Type', { exact: true }).fill('heatwave')
    await open.getByLabel('Title').fill('Heatwave exercise Liège')
    await open.getByRole('button', { name: 'Open the case' }).click()
    await expect
      .poll(() => crisis.getByRole('heading', { level: 1 }).textContent())
      .toContain('Heatwave exercise')

    const sitreps = crisis.getByTestId('sitreps')
    await crisis.getByRole('button', { name: 'Draft the next report' }).click()
    await expect.poll(() => sitreps.textContent()).toContain('Report 1')
    expect(await sitreps.locator('summary', { hasText: 'Earlier versions' }).count()).toBe(0)

    const edit = async (fields: Record<string, string>, version: number): Promise<void> => {
      await crisis.getByRole('button', { name: 'Edit report 1' }).click()
      const editor = crisis.getByTestId('sitrep-editor')
      for (const [label, value] of Object.entries(fields)) await editor.getByLabel(label).fill(value)
      await editor.getByRole('button', { name: 'Save the draft' }).click()
      await expect.poll(() => sitreps.textContent()).toContain(`version ${version}`)
    }
    await edit({ Needs: 'Drinking water for 200 people' }, 2)
    await edit({ Conditions: 'Heat strokes at the festival', Injured: '3' }, 3)

    const summary = sitreps.locator('summary', { hasText: 'Earlier versions (2)' })
    await summary.click()
    const versions = sitreps.getByTestId('sitrep-version')
    await expect.poll(() => versions.count()).toBe(2)
    // newest first
    const second = versions.nth(0)
    const first = versions.nth(1)
    expect(await second.locator('strong').textContent()).toBe('Version 2')
    expect(await first.locator('strong').textContent()).toBe('Version 1')
    expect(await second.textContent()).toContain('by Chloé Crisis')
    expect(await second.textContent()).toContain('Version 3 changed: Conditions, Casualties.')
    expect(await first.textContent()).toContain('Version 2 changed: Needs.')

    await second.locator('summary', { hasText: 'Read version 2' }).click()
    await expect.poll(() => second.locator('dl').textContent()).toContain('Drinking water for 200 people')
    expect(await second.locator('dl').textContent()).toContain('Injured: 0')
    await first.locator('summary', { hasText: 'Read version 1' }).focus()
    await crisis.keyboard.press('Enter')
    await expect.poll(() => first.locator('dl').isVisible()).toBe(true)
    expect(await first.locator('dl').textContent()).not.toContain('Drinking water')
    expect(await seriousViolations(crisis)).toEqual([])
  })

  it("follows another officer's edits of a draft live, its earlier versions and an open editor too", async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 900 },
    })
    const duty = await context.newPage()
    await signIn(duty, url, 'duty')
    await duty.goto(crisis.url())
    const sitreps = duty.getByTestId('sitreps')
    await expect.poll(() => sitreps.textContent()).toContain('version 3')
    await sitreps.locator('summary', { hasText: 'Earlier versions (2)' }).click()
    await expect.poll(() => sitreps.getByTestId('sitrep-version').count()).toBe(2)
    // the duty officer starts an edit of version 3 too
    await duty.getByRole('button', { name: 'Edit report 1' }).click()
    const dutyEditor = duty.getByTestId('sitrep-editor')
    await dutyEditor.getByLabel('Resources').fill('One water tanker')
    // a page that reloads loses this mark
    await duty.evaluate(() => {
      ;(window as unknown as { notReloaded: boolean }).notReloaded = true
    })

    // the crisis manager saves version 4 meanwhile
    await crisis.getByRole('button', { name: 'Edit report 1' }).click()
    const editor = crisis.getByTestId('sitrep-editor')
    await editor.getByLabel('Actions').fill('Cooling centre opened at the Palais des Congrès')
    await editor.getByRole('button', { name: 'Save the draft' }).click()
    await expect.poll(() => crisis.getByTestId('sitreps').textContent()).toContain('version 4')

    // the duty officer's page follows without a reload: the report, its earlier versions…
    await expect.poll(() => sitreps.textContent()).toContain('version 4')
    await expect.poll(() => sitreps.getByTestId('sitrep-version').count()).toBe(3)
    expect(await sitreps.locator('summary', { hasText: 'Earlier versions (3)' }).count()).toBe(1)
    expect(await sitreps.getByTestId('sitrep-version').nth(0).textContent()).toContain(
      'Version 4 changed: Actions.',
    )
    await sitreps.getByText('Show the report').click()
    expect(await sitreps.locator('dl').first().textContent()).toContain('Palais des Congrès')
    // …and the open editor keeps what was typed, says why its save would be refused, and is refused
    expect(await dutyEditor.getByLabel('Resources').inputValue()).toBe('One water tanker')
    expect(await dutyEditor.getByTestId('sitrep-changed-meanwhile').textContent()).toContain(
      'Someone else has saved version 4 of this report meanwhile.',
    )
    expect(await seriousViolations(duty)).toEqual([])
    await dutyEditor.getByRole('button', { name: 'Save the draft' }).click()
    await expect
      .poll(() => dutyEditor.getByRole('alert').textContent())
      .toContain('Someone changed this meanwhile. Reload it and try again.')
    expect(await duty.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    const answer = await duty.request.get(`${url}/api/v1/cases/${caseIdOf(crisis)}/sitreps`)
    const saved = (await answer.json()) as { items: { version: number; resources: string }[] }
    expect(saved.items[0]?.version).toBe(4)
    expect(saved.items[0]?.resources).not.toBe('One water tanker')
    await context.close()
  })
})
