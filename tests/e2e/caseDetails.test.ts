import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { signInAsDemo as signIn } from '../support/demoBrowser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'

const skip = browserMissing()

interface GeoPoint {
  lat: number
  lon: number
}
interface LogEntry {
  id: string
  text: string
  location: GeoPoint | null
  supersedes: string | null
  supersededBy: string | null
}

/** The data-testid of the element that has the keyboard focus. */
const focused = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)

/** Presses Tab until the element with this data-testid has the focus, as a keyboard user would. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if ((await focused(page)) === testId) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${testId}`)
}

/** A GET of the API with the page's own session cookie. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(new URL(path, page.url()).href)
  expect(response.status()).toBe(200)
  return (await response.json()) as T
}

/** The text of an element with its spaces made plain (Intl may put no-break spaces between the parts). */
const plainText = async (locator: Locator): Promise<string> =>
  ((await locator.textContent()) ?? '').replace(/\s/gu, ' ')

describe.skipIf(skip)('log locations, corrections, case details and Brussels times in Chromium', () => {
  const suite = demoBrowserSuite('liaison-details-')
  let duty: Page
  /** A crisis manager whose browser runs on New York time, in American English. */
  let crisis: Page
  let caseId = ''
  const liege = '50.6326° N, 5.5797° E'

  it('logs an entry with its location from the keyboard alone, and shows the place in the daily log', async () => {
    duty = await suite.newPage()
    await signIn(duty, suite.url, 'duty')
    await expect.poll(() => duty.getByRole('heading', { name: 'Duty desk', level: 1 }).count()).toBe(1)

    await duty.keyboard.press('Alt+KeyL')
    await expect.poll(() => focused(duty)).toBe('log-text')
    await duty.keyboard.type('Radio check with the Liège provincial centre: no answer on the first call')
    await tabTo(duty, 'log-lat')
    await duty.keyboard.type('50,6326') // a decimal comma, as a Belgian keyboard gives it
    await duty.keyboard.press('Tab')
    expect(await focused(duty)).toBe('log-lon')
    await duty.keyboard.type('5.5797')
    await duty.keyboard.press('Enter')

    const entry = duty
      .getByTestId('daily-log')
      .getByRole('listitem')
      .filter({ hasText: 'no answer on the first call' })
    await expect.poll(() => entry.count()).toBe(1)
    expect(await entry.getByTestId('log-location').textContent()).toBe(`Location: ${liege}`)
    // ready for the next call: the cursor back in the text, the form emptied
    await expect.poll(() => focused(duty)).toBe('log-text')
    expect(await duty.getByTestId('log-text').inputValue()).toBe('')
    expect(await duty.getByTestId('log-lat').inputValue()).toBe('')
    expect(await duty.getByTestId('log-lon').inputValue()).toBe('')

    const log = await apiGet<{ items: LogEntry[] }>(duty, '/api/v1/log')
    const saved = log.items.find((e) => e.text.includes('no answer on the first call'))
    expect(saved?.location).toEqual({ lat: 50.6326, lon: 5.5797 })
    expect(await seriousViolations(duty)).toEqual([])
  })

  it('corrects a daily-log entry: the correction supersedes it and both stay visible', async () => {
    const log = duty.getByTestId('daily-log')
    const original = log.getByRole('listitem').filter({ hasText: 'no answer on the first call' })
    // from the keyboard too: Enter on the entry's Correct button, then Ctrl+Enter in the text
    await original.getByRole('button', { name: /^Correct entry of/ }).focus()
    await duty.keyboard.press('Enter')

    const form = duty.getByTestId('log-form')
    await expect.poll(() => form.getByRole('heading', { name: 'Correct a log entry' }).count()).toBe(1)
    expect(await form.textContent()).toContain('The original stays visible.')
    await expect.poll(() => focused(duty)).toBe('log-text')
    // the form starts from the entry: its text and its place
    await expect
      .poll(() => form.getByLabel('Log entry').inputValue())
      .toBe('Radio check with the Liège provincial centre: no answer on the first call')
    await expect.poll(() => form.getByTestId('log-lat').inputValue()).toBe('50.6326')
    await expect.poll(() => form.getByTestId('log-lon').inputValue()).toBe('5.5797')
    expect(await form.getByRole('button', { name: 'Log the correction' }).count()).toBe(1)
    await duty.keyboard.press('ControlOrMeta+KeyA')
    await duty.keyboard.type('Radio check with the Liège provincial centre: answered on the second call')
    await duty.keyboard.press('Control+Enter')

    const correction = log.getByRole('listitem').filter({ hasText: 'answered on the second call' })
    await expect.poll(() => correction.count()).toBe(1)
    await expect.poll(() => form.getByRole('heading', { name: 'New log entry' }).count()).toBe(1)

    const check = async (): Promise<void> => {
      expect(await original.count()).toBe(1)
      expect(await original.getAttribute('class')).toContain('log-entry-corrected')
      expect(await original.textContent()).toMatch(/Corrected by the entry of .+ by Dirk Duty\./)
      expect(await original.getByRole('button', { name: /^Correct entry of/ }).count()).toBe(0)
      expect(await correction.getAttribute('class')).not.toContain('log-entry-corrected')
      expect(await correction.textContent()).toMatch(/Corrects the entry of .+ by Dirk Duty\./)
      expect(await correction.getByTestId('log-location').textContent()).toBe(`Location: ${liege}`)
      expect(await correction.getByRole('button', { name: /^Correct entry of/ }).count()).toBe(1)
    }
    await check()
    // the same after a reload, from what the node keeps
    await duty.reload()
    await expect.poll(() => correction.count()).toBe(1)
    await check()

    const saved = await apiGet<{ items: LogEntry[] }>(duty, '/api/v1/log')
    const before = saved.items.find((e) => e.text.includes('no answer on the first call'))
    const after = saved.items.find((e) => e.text.includes('answered on the second call'))
    expect(after?.supersedes).toBe(before?.id)
    expect(before?.supersededBy).toBe(after?.id)
    expect(after?.location).toEqual({ lat: 50.6326, lon: 5.5797 })
    expect(await seriousViolations(duty)).toEqual([])
  })

  it("shows a case's end and place in the case room after its details are edited, in Brussels time from New York", async () => {
    crisis = await suite.newPage({ timezoneId: 'America/New_York', locale: 'en-US' })
    await signIn(crisis, suite.url, 'crisis')
    expect(await crisis.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    )
    expect(await crisis.evaluate(() => navigator.language)).toBe('en-US')
    await expect.poll(() => crisis.getByRole('button', { name: 'Open a case' }).count()).toBe(1)
    await crisis.getByRole('button', { name: 'Open a case' }).click()
    const open = crisis.getByTestId('open-case-form')
    await open.getByLabel('Type', { exact: true }).fill('flood')
    await open.getByLabel('Title').fill('Ourthe flood watch at Liège')
    await open.getByLabel(/^Latitude/).fill('50.6326')
    await open.getByLabel(/^Longitude/).fill('5.5797')
    await open.getByRole('button', { name: 'Open the case' }).click()
    await expect.poll(() => crisis.getByRole('heading', { level: 1 }).textContent()).toContain('Ourthe flood')
    caseId = decodeURIComponent(crisis.url().split('/').pop() ?? '')
    expect(await crisis.getByTestId('case-location').textContent()).toBe(liege)
    expect(await crisis.getByTestId('case-ends-at').count()).toBe(0)

    await crisis.getByRole('button', { name: 'Edit details' }).click()
    const edit = crisis.getByTestId('case-edit-form')
    await edit.getByLabel('Ends at').fill('2031-01-15T14:30')
    await edit.getByRole('button', { name: 'Save the details' }).click()
    await expect.poll(() => edit.count()).toBe(0)

    const end = crisis.getByTestId('case-ends-at').locator('time')
    await expect.poll(() => end.count()).toBe(1)
    // 14:30 in Brussels is 13:30 UTC in January (and 08:30 in New York, which is not shown)
    expect(await end.getAttribute('datetime')).toBe('2031-01-15T13:30:00.000Z')
    // day first and on a 24-hour clock, although the browser is American
    expect(await plainText(end)).toBe('15 Jan 2031, 14:30:00')
    expect(await crisis.getByTestId('case-location').textContent()).toBe(liege)
    expect(await crisis.getByRole('status').filter({ hasText: 'The case details are saved.' }).count()).toBe(
      1,
    )

    const saved = await apiGet<{ endsAt: string; location: GeoPoint }>(crisis, `/api/v1/cases/${caseId}`)
    expect(saved.endsAt).toBe('2031-01-15T13:30:00.000Z')
    expect(saved.location).toEqual({ lat: 50.6326, lon: 5.5797 })

    // editing again shows the time as it was typed
    await crisis.getByRole('button', { name: 'Edit details' }).click()
    expect(await edit.getByLabel('Ends at').inputValue()).toBe('2031-01-15T14:30')
    expect(await seriousViolations(crisis)).toEqual([])
    await edit.getByRole('button', { name: 'Cancel' }).click()

    // a Brussels browser shows the same end
    await duty.goto(`${suite.url}/#/cases/${encodeURIComponent(caseId)}`)
    const dutyEnd = duty.getByTestId('case-ends-at').locator('time')
    await expect.poll(() => dutyEnd.count()).toBe(1)
    expect(await dutyEnd.textContent()).toBe(await end.textContent())
    expect(await duty.getByTestId('case-location').textContent()).toBe(liege)
  })

  it('reads the next update of a situation report as Brussels time in a New York browser', async () => {
    const sitreps = crisis.getByTestId('sitreps')
    await crisis.getByRole('button', { name: 'Draft the next report' }).click()
    await expect.poll(() => sitreps.textContent()).toContain('Report 1')
    await crisis.getByRole('button', { name: 'Edit report 1' }).click()
    const editor = crisis.getByTestId('sitrep-editor')
    await editor.getByLabel('Next update').fill('2031-07-01T14:30')
    await editor.getByRole('button', { name: 'Save the draft' }).click()
    await expect.poll(() => editor.count()).toBe(0)
    await expect.poll(() => sitreps.textContent()).toContain('version 2')

    const report = sitreps.getByRole('listitem').filter({ hasText: 'Report 1' })
    await report.getByText('Show the report').click()
    const next = report
      .locator('dt', { hasText: 'Next update' })
      .locator('xpath=following-sibling::dd[1]/time')
    // 14:30 in Brussels is 12:30 UTC in July
    expect(await next.getAttribute('datetime')).toBe('2031-07-01T12:30:00.000Z')
    expect(await plainText(next)).toBe('1 Jul 2031, 14:30:00')

    const saved = await apiGet<{
      items: { number: number; version: number; nextUpdateAt: string | null }[]
    }>(crisis, `/api/v1/cases/${caseId}/sitreps`)
    expect(saved.items.find((s) => s.number === 1)?.nextUpdateAt).toBe('2031-07-01T12:30:00.000Z')

    await crisis.getByRole('button', { name: 'Edit report 1' }).click()
    expect(await editor.getByLabel('Next update').inputValue()).toBe('2031-07-01T14:30')
    expect(await seriousViolations(crisis)).toEqual([])
  })

  it('lists the cases a page at a time, with "Show more cases" until the last', async () => {
    const all = await apiGet<{ items: { id: string; title: string }[]; next: string | null }>(
      duty,
      '/api/v1/cases',
    )
    expect(all.next).toBeNull()
    expect(all.items.length).toBeGreaterThan(2)
    // the node's pages are 100 cases long: the browser asks for pages of 2 here
    const asked: string[] = []
    const casesList = (address: URL): boolean => address.pathname === '/api/v1/cases'
    await duty.route(casesList, async (route) => {
      if (route.request().method() !== 'GET') return route.continue()
      const address = new URL(route.request().url())
      address.searchParams.set('limit', '2')
      asked.push(address.search)
      return route.continue({ url: address.href })
    })
    await duty.goto(`${suite.url}/#/cases`)
    await expect.poll(() => duty.getByRole('heading', { name: 'Cases', level: 1 }).count()).toBe(1)
    const rows = duty.locator('[data-testid^="cases-"] tbody tr')
    const more = duty.getByRole('button', { name: 'Show more cases' })
    await expect.poll(() => rows.count()).toBe(2)
    // with n cases, a click for each further page (a full last page is not followed by an empty one)
    const n = all.items.length
    for (let click = 1; click < Math.ceil(n / 2); click++) {
      await expect.poll(() => more.count()).toBe(1)
      await more.click()
      await expect.poll(() => asked.length).toBe(click + 1)
      await expect.poll(() => rows.count()).toBe(Math.min(2 + 2 * click, n))
    }
    await expect.poll(() => more.count()).toBe(0)
    expect(
      await duty
        .getByRole('status')
        .filter({ hasText: `Cases shown: ${all.items.length}.` })
        .count(),
    ).toBe(1)
    const titles = await duty.locator('[data-testid^="cases-"] tbody tr a').allTextContents()
    expect([...titles].sort()).toEqual(all.items.map((c) => c.title).sort())
    // each page after the first starts at the cursor the one before gave (opaque, base64url)
    expect(asked[0]).toBe('?limit=2')
    expect(asked.slice(1).every((search) => /^\?after=[A-Za-z0-9_-]+&limit=2$/.test(search))).toBe(true)
    expect(await seriousViolations(duty)).toEqual([])
    await duty.unroute(casesList)
  })
})
