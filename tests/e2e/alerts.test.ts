import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { screenshotsDir, signInAsDemo as signIn } from '../support/demoBrowser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'

const skip = browserMissing()

/** A GET of the API with the page's own session cookie. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(new URL(path, page.url()).href)
  expect(response.status()).toBe(200)
  return (await response.json()) as T
}

describe.skipIf(skip)('public alerts in Chromium: write, approve, issue, cancel', () => {
  const suite = demoBrowserSuite('liaison-alerts-')
  let author: Page
  let approver: Page
  let alertUrl = ''

  it('lets an author draw an area and write an exercise alert in two languages, then submit it', async () => {
    author = await suite.newPage()
    await signIn(author, suite.url, 'author')
    await author.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click()
    await expect.poll(() => author.getByRole('heading', { name: 'Public alerts', level: 1 }).count()).toBe(1)
    // an author has no approval queue
    expect(await author.getByRole('link', { name: 'Approval queue' }).count()).toBe(0)
    await author.getByRole('link', { name: 'Write a new alert' }).click()
    const form = author.getByTestId('alert-composer')
    await expect.poll(() => form.isVisible()).toBe(true)

    // no status by default: saving without one is refused in words, on the field
    expect(await author.getByTestId('alert-status-banner').textContent()).toContain('STATUS NOT CHOSEN')
    await form.getByRole('button', { name: 'Save as draft' }).click()
    await expect
      .poll(() => form.textContent())
      .toContain('Choose whether the alert is Actual, an Exercise or a Test.')

    await form.getByLabel(/^Exercise/).check()
    // the problem goes as soon as the field is put right
    expect(await form.textContent()).not.toContain('Choose whether the alert is Actual')
    expect(await author.getByTestId('alert-status-banner').textContent()).toContain('EXERCISE')
    await form.getByLabel('Event', { exact: true }).fill('Chemical fire')
    await form.getByLabel('Fire', { exact: true }).check()
    await form.getByLabel('Urgency').selectOption('Immediate')
    await form.getByLabel('Severity').selectOption('Severe')
    await form.getByLabel('Certainty').selectOption('Observed')
    await form.getByLabel('SMS', { exact: true }).check()
    await form.getByLabel('Cell broadcast', { exact: true }).check()

    const english = form.getByTestId('language-en')
    await english.getByLabel('Headline').fill('Exercise: chemical fire near Hasselt')
    await english
      .getByLabel(/^Short text/)
      .fill('EXERCISE. Fire at a chemical plant. Close windows and doors.')
    await english
      .getByLabel(/^Instruction/)
      .fill('Stay inside, close windows and doors, switch off ventilation.')
    // the counters count the unsubscribe line with the SMS
    await expect
      .poll(() => english.getByTestId('sms-count').textContent())
      .toMatch(/^SMS: 1 part\(s\), 84 characters/)
    expect(await english.getByTestId('cb-count').textContent()).toContain('1 page(s) of 93')

    await form.getByLabel('Add a language').selectOption('nl')
    await form.getByRole('button', { name: 'Add', exact: true }).click()
    const dutch = form.getByTestId('language-nl')
    await dutch.getByLabel('Headline').fill('Oefening: chemische brand bij Hasselt')
    await dutch
      .getByLabel(/^Short text/)
      .fill('OEFENING. Brand in een chemisch bedrijf. Sluit ramen en deuren.')

    // the area: three clicks on the map, each a vertex; the node checks it live
    await form.getByLabel('Area description').fill('Hasselt and surroundings')
    const map = form.getByTestId('map')
    await expect.poll(() => map.locator('canvas').count()).toBe(1)
    const box = await map.boundingBox()
    if (!box) throw new Error('the map has no box')
    const vertices = form.getByTestId('area-vertices')
    const clicks: [number, number][] = [
      [-8, -6],
      [8, -6],
      [0, 8],
    ]
    for (const [i, [dx, dy]] of clicks.entries()) {
      await map.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } })
      await expect.poll(async () => (await vertices.inputValue()).split('\n').length).toBe(i + 1)
      await author.waitForTimeout(400) // not a double click
    }
    await expect
      .poll(() => form.getByTestId('area-check').textContent(), { timeout: 10_000 })
      .toContain('The area is valid')
    expect(await seriousViolations(author)).toEqual([])
    await author.screenshot({ path: join(screenshotsDir, 'alert-composer.png'), fullPage: true })

    await form.getByRole('button', { name: 'Save and submit for approval' }).click()
    await expect
      .poll(() => author.getByTestId('alert-state').textContent(), { timeout: 10_000 })
      .toBe('Waiting for approval')
    alertUrl = author.url()
    expect(await author.getByTestId('alert-status-banner').textContent()).toContain('EXERCISE')
    expect(await author.getByTestId('alert-texts').count()).toBe(2)
    const polygon = (await author.getByTestId('alert-area').textContent()) ?? ''
    expect(polygon).toContain('Hasselt and surroundings')
  })

  it('lets a second person approve it from the queue, with the whole alert shown; it is then issued', async () => {
    approver = await suite.newPage()
    await signIn(approver, suite.url, 'approver')
    await approver.goto(`${suite.url}/#/alerts/queue`)
    await expect
      .poll(() => approver.getByRole('heading', { name: 'Approval queue', level: 1 }).count())
      .toBe(1)
    const queued = approver
      .getByTestId('queued-alert')
      .filter({ hasText: 'Exercise: chemical fire near Hasselt' })
    await expect.poll(() => queued.getByTestId('approval-panel').count()).toBe(1)
    expect(await queued.getByTestId('alert-status-banner').textContent()).toContain('EXERCISE')
    expect(await queued.textContent()).toContain('A new alert: all of it is to be approved.')
    expect(await queued.textContent()).toContain('Oefening: chemische brand bij Hasselt')
    expect(await seriousViolations(approver)).toEqual([])
    await approver.screenshot({ path: join(screenshotsDir, 'alert-queue.png'), fullPage: true })

    await queued.getByRole('button', { name: 'Approve and issue now' }).click()
    await expect.poll(() => approver.getByTestId('queued-alert').count(), { timeout: 10_000 }).toBe(0)

    await approver.goto(alertUrl)
    await expect.poll(() => approver.getByTestId('alert-state').textContent()).toBe('Issued')
    await expect.poll(() => approver.getByTestId('alert-xml-link').count()).toBe(1)
    expect(await approver.getByTestId('alert-xml').textContent()).toContain('<status>Exercise</status>')
    const id = alertUrl.split('/').pop() ?? ''
    const detail = await apiGet<{
      alert: { approvedBy: string; authorId: string; issuedAlone: string | null }
    }>(approver, `/api/v1/alerts/${id}`)
    expect(detail.alert.approvedBy).not.toBe(detail.alert.authorId)
    expect(detail.alert.issuedAlone).toBeNull()
    expect(await seriousViolations(approver)).toEqual([])
    await approver.screenshot({ path: join(screenshotsDir, 'alert-page.png'), fullPage: true })
  })

  it('prepares a correction in one step; its approver sees the diff and, having edited it, is refused', async () => {
    await approver.getByRole('button', { name: 'Correct' }).click()
    const form = approver.getByTestId('alert-composer')
    await expect.poll(() => form.isVisible()).toBe(true)
    expect(await approver.getByRole('heading', { level: 1 }).textContent()).toBe('Edit the alert')
    expect(await form.textContent()).toContain('Correction (Update)')
    const english = form.getByTestId('language-en')
    // the text is prepared from the issued alert
    expect(await english.getByLabel('Headline').inputValue()).toBe('Exercise: chemical fire near Hasselt')
    await english.getByLabel('Headline').fill('Exercise: chemical fire near Hasselt under control')
    await form.getByRole('button', { name: 'Save and submit for approval' }).click()
    await expect
      .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
      .toBe('Waiting for approval')
    const diff = approver.getByTestId('alert-diff')
    await expect.poll(() => diff.count()).toBe(1)
    const row = diff.getByRole('row').filter({ hasText: 'alert.info[0].headline' })
    expect(await row.textContent()).toContain('Exercise: chemical fire near Hasselt')
    expect(await row.textContent()).toContain('under control')
    await approver.getByRole('button', { name: 'Approve and issue now' }).click()
    await expect
      .poll(() => approver.getByTestId('approval-error').textContent())
      .toContain('A second person must approve this alert')
    expect(await approver.getByTestId('alert-state').textContent()).toBe('Waiting for approval')
    expect(await seriousViolations(approver)).toEqual([])
    await approver.goto(alertUrl)
    await expect.poll(() => approver.getByTestId('alert-state').textContent()).toBe('Issued')
  })

  it('lets one approver cancel the issued alert in one step, marked as issued alone', async () => {
    await approver.getByRole('button', { name: 'Cancel this alert' }).click()
    await expect
      .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
      .toBe('Draft')
    expect(await approver.getByTestId('alert-headline').textContent()).toContain('Cancelled:')
    expect(await approver.getByTestId('alert-content').textContent()).toContain('Cancellation (Cancel)')
    await approver.getByRole('button', { name: 'Issue this cancellation now (one approver)' }).click()
    await expect
      .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
      .toBe('Issued')
    expect(await approver.getByTestId('alert-issued-alone').textContent()).toBe('a cancellation')
    expect(await approver.getByTestId('alert-status-banner').textContent()).toContain('EXERCISE')

    await approver.goto(alertUrl)
    await expect.poll(() => approver.getByTestId('alert-state').textContent()).toBe('Cancelled')
    expect(await seriousViolations(approver)).toEqual([])
  })
})
