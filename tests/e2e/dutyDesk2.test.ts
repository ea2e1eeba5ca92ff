import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { screenshotsDir, signInAsDemo as signIn } from '../support/demoBrowser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'

const skip = browserMissing()
const screenshots = screenshotsDir

/** A GET of the API with the page's own session cookie. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(new URL(path, page.url()).href)
  expect(response.status()).toBe(200)
  return (await response.json()) as T
}

describe.skipIf(skip)('handover, contacts, calendar and maps in Chromium', () => {
  const suite = demoBrowserSuite('liaison-desk2-')
  const newPage = (): Promise<Page> => suite.newPage()
  let duty: Page
  let crisis: Page

  it('lets the outgoing officer prepare a handover that the incoming one signs off', async () => {
    duty = await newPage()
    await signIn(duty, suite.url, 'duty')
    await duty.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handover' }).click()
    await expect.poll(() => duty.getByRole('heading', { name: 'Shift handover', level: 1 }).count()).toBe(1)
    const form = duty.getByTestId('handover-form')
    await form
      .getByLabel('Notes for the incoming officer')
      .fill('Watch the Visé plume; call the LOCC back at 08:00.')
    await form.getByRole('button', { name: 'Prepare the handover' }).click()
    const mine = duty.getByTestId('handover').first()
    await expect.poll(() => mine.textContent()).toContain('Watch the Visé plume')
    expect(await mine.getByTestId('handover-report').textContent()).toContain('Open cases')

    // the demo keeps a roster, so the report says which shift it hands over, and whose
    const { items } = await apiGet<{
      items: { report: { shift?: { start: string; end: string; userId: string } | null } }[]
    }>(duty, '/api/v1/handovers')
    const shift = items[0]?.report.shift
    if (!shift) throw new Error('the handover report has no shift')
    const roster = await apiGet<{ people: { id: string; displayName: string }[] }>(duty, '/api/v1/roster')
    const officer = roster.people.find((p) => p.id === shift.userId)?.displayName
    expect(['Dirk Duty', 'Chloé Crisis']).toContain(officer)
    const shiftLine = mine.getByTestId('handover-shift')
    const times = shiftLine.locator('time')
    expect(await times.nth(0).getAttribute('datetime')).toBe(shift.start)
    expect(await times.nth(1).getAttribute('datetime')).toBe(shift.end)
    const time = String.raw`\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}:\d{2}` // 24-hour, day first
    expect(((await shiftLine.textContent()) ?? '').replace(/\s/gu, ' ')).toMatch(
      new RegExp(`^Shift handed over: ${time} – ${time} \\(${officer}\\)$`),
    )
    const own = mine.getByRole('button', { name: 'Sign off' })
    expect(await own.getAttribute('aria-disabled')).toBe('true')
    expect(await mine.textContent()).toContain('the incoming officer signs it off')
    expect(await seriousViolations(duty)).toEqual([])
    await duty.screenshot({ path: join(screenshots, 'handover.png'), fullPage: true })

    crisis = await newPage()
    await signIn(crisis, suite.url, 'crisis')
    await crisis.goto(`${suite.url}/#/handover`)
    const theirs = crisis.getByTestId('handover').first()
    await expect.poll(() => theirs.textContent()).toContain('Watch the Visé plume')
    await theirs.getByRole('button', { name: 'Sign off' }).click()
    await expect.poll(() => theirs.getByTestId('handover-signed').count()).toBe(1)
    await duty.reload()
    await expect
      .poll(() => duty.getByTestId('handover').first().getByTestId('handover-signed').count())
      .toBe(1)
  })

  it('finds a contact that the duty officer adds', async () => {
    await duty.goto(`${suite.url}/#/contacts`)
    await expect
      .poll(() => duty.getByRole('heading', { name: 'Contact directory', level: 1 }).count())
      .toBe(1)
    await duty.getByRole('button', { name: 'Add a contact' }).click()
    const form = duty.getByTestId('contact-form')
    await form.getByLabel('Kind').selectOption('point-of-contact')
    await form.getByLabel('Name').fill('Permanence Gouverneur Liège')
    await form.getByLabel('Role').fill('Duty officer of the governor')
    await form.getByLabel('Region').fill('Liège')
    await form.getByLabel('Phone').fill('+32 4 220 00 00')
    await form.getByLabel('Reachable 24/7').check()
    await form.getByRole('button', { name: 'Add the contact' }).click()
    await expect
      .poll(() => duty.getByTestId('contacts-table').textContent())
      .toContain('Permanence Gouverneur Liège')

    const search = duty.getByRole('search', { name: 'Search the directory' })
    await search.getByLabel('Search').fill('gouverneur')
    await search.getByRole('button', { name: 'Search' }).click()
    await expect.poll(() => duty.getByTestId('contacts-table').getByRole('row').count()).toBeGreaterThan(1)
    expect(await duty.getByTestId('contacts-table').textContent()).toContain('Permanence Gouverneur Liège')
    expect(await seriousViolations(duty)).toEqual([])
    await duty.screenshot({ path: join(screenshots, 'contacts.png'), fullPage: true })
  })

  it("shows the demo's planned events in the calendar, exercises marked", async () => {
    await duty.goto(`${suite.url}/#/calendar`)
    await expect.poll(() => duty.getByRole('heading', { name: 'Planned events', level: 1 }).count()).toBe(1)
    const events = duty.getByTestId('calendar-events')
    await expect.poll(() => events.textContent()).toContain('Visite d’État')
    expect(await events.getByTestId('case-status').allTextContents()).toContain('EXERCISE')
    await duty.getByRole('button', { name: 'Create a calendar address' }).click()
    await expect
      .poll(() => duty.getByTestId('calendar-url').textContent())
      .toMatch(/\/calendar\/cal_.+\.ics$/)
    expect(await seriousViolations(duty)).toEqual([])
  })

  it('puts a point on the map of a case', async () => {
    await duty.goto(`${suite.url}/#/cases`)
    await duty
      .getByRole('link', { name: /Visite d’État/ })
      .first()
      .click()
    await expect.poll(() => duty.getByTestId('feature-form').isVisible()).toBe(true)
    const form = duty.getByTestId('feature-form')
    await form.getByLabel('Kind').selectOption('command-post')
    await form.getByLabel('Label').fill('PC-Ops Grand-Place')
    await form.getByLabel('Latitude (° N)').fill('50.8467')
    await form.getByLabel('Longitude (° E)').fill('4.3525')
    await form.getByRole('button', { name: 'Add to the map' }).click()
    await expect.poll(() => duty.getByTestId('case-features').textContent()).toContain('PC-Ops Grand-Place')
    expect(await seriousViolations(duty)).toEqual([])
    await duty.screenshot({ path: join(screenshots, 'case-map.png'), fullPage: true })

    await duty.goto(`${suite.url}/#/map`)
    await expect.poll(() => duty.getByTestId('map-features').textContent()).toContain('PC-Ops Grand-Place')
  })

  it('attaches a file to a daily-log entry, then makes a case of the entry', async () => {
    const other = suite.urls[1]!
    const desk = await newPage()
    await signIn(desk, other, 'duty')
    await expect.poll(() => desk.getByTestId('log-form').isVisible()).toBe(true)
    const form = desk.getByTestId('log-form')
    await form.getByLabel('Log entry').fill('Gas smell reported near the Meuse quay by a passer-by')
    await form.getByLabel('Files to attach (optional)').setInputFiles({
      name: 'note.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    })
    await form.getByRole('button', { name: 'Add to log' }).click()
    const log = desk.getByTestId('daily-log')
    const link = log.getByRole('link', { name: 'note.txt' })
    await expect.poll(() => link.count()).toBe(1)
    expect(await link.getAttribute('href')).toMatch(/^\/api\/v1\/attachments\/.+/)
    const item = log.getByRole('listitem').filter({ hasText: 'Gas smell reported near the Meuse quay' })
    expect(await item.getByTestId('attachments').textContent()).toContain('note.txt (5 B)')
    expect(await desk.getByTestId('attachment-errors').count()).toBe(0)

    await item.getByRole('button', { name: /^Make case/ }).click()
    const open = desk.getByTestId('open-case-form')
    await expect.poll(() => open.isVisible()).toBe(true)
    expect(await open.getByLabel('Title').inputValue()).toContain('Gas smell reported')
    await open.getByLabel('Type', { exact: true }).fill('gas-leak')
    await open.getByRole('button', { name: 'Open the case' }).click()
    await expect
      .poll(() => desk.getByTestId('case-from-log').textContent())
      .toContain('Opened from a daily-log entry')
    await expect.poll(() => desk.getByRole('heading', { level: 1 }).textContent()).toContain('Gas smell')
    expect(await seriousViolations(desk)).toEqual([])
  })

  it('draws a perimeter on the map of a case by typing its vertices', async () => {
    await duty.goto(`${suite.url}/#/cases`)
    await duty
      .getByRole('link', { name: /Visite d’État/ })
      .first()
      .click()
    await expect.poll(() => duty.getByTestId('feature-form').isVisible()).toBe(true)
    const form = duty.getByTestId('feature-form')
    await form.getByLabel('What to draw').selectOption('perimeter')
    expect(await form.getByLabel('Kind').inputValue()).toBe('perimeter')
    await form.getByLabel('Label').fill('Security perimeter Mont des Arts')
    await form.getByLabel(/^Vertices/).fill('50.8440, 4.3550\n50.8450, 4.3580\n50.8430, 4.3600')
    await form.getByRole('button', { name: 'Finish and add to the map' }).click()
    const features = duty.getByTestId('case-features')
    await expect.poll(() => features.textContent()).toContain('Security perimeter Mont des Arts')
    const row = features.getByRole('row').filter({ hasText: 'Security perimeter Mont des Arts' })
    expect(await row.textContent()).toContain('Perimeter')
    expect(await row.textContent()).toContain('4 ×')
    expect(await seriousViolations(duty)).toEqual([])
  })
  it('opens a planned case with its own Brussels times and place, and logs a late call', async () => {
    const desk = duty // already signed in: the one-time code of this minute is spent
    await desk.goto(`${suite.url}/#/`)
    await desk.getByRole('button', { name: 'Open a case' }).click()
    const open = desk.getByTestId('open-case-form')
    await open.getByLabel('Type', { exact: true }).fill('vip-visit')
    await open.getByLabel('Title').fill('VIP visit to the Royal Palace')
    await open.getByTestId('case-starts-at').fill('2030-07-01T10:00')
    await open.getByTestId('case-ends-at').fill('2030-07-01T18:30')
    await open.getByLabel(/^Latitude/).fill('50.8417')
    await open.getByLabel(/^Longitude/).fill('4.3622')
    await open.getByRole('button', { name: 'Open the case' }).click()
    await expect.poll(() => desk.getByRole('heading', { level: 1 }).textContent()).toContain('VIP visit')
    const caseId = decodeURIComponent(desk.url().split('/').pop() ?? '')
    const saved = (await desk.evaluate(
      async (id): Promise<unknown> => (await fetch(`/api/v1/cases/${id}`)).json() as Promise<unknown>,
      caseId,
    )) as { startsAt: string; endsAt: string; location: { lat: number; lon: number } }
    expect(saved.startsAt).toBe('2030-07-01T08:00:00.000Z')
    expect(saved.endsAt).toBe('2030-07-01T16:30:00.000Z')
    expect(saved.location).toEqual({ lat: 50.8417, lon: 4.3622 })

    const form = desk.getByTestId('log-form')
    await form.getByLabel('Log entry').fill('Protocol called at nine about the motorcade route')
    await form.getByTestId('log-occurred-at').fill('2026-01-15T09:05')
    await form.getByRole('button', { name: 'Add to log' }).click()
    const entry = desk.getByTestId('case-log').getByRole('listitem').filter({ hasText: 'motorcade route' })
    await expect.poll(() => entry.count()).toBe(1)
    const log = (await desk.evaluate(
      async (id): Promise<unknown> => (await fetch(`/api/v1/cases/${id}/log`)).json() as Promise<unknown>,
      caseId,
    )) as { items: { text: string; occurredAt: string }[] }
    expect(log.items.find((e) => e.text.includes('motorcade'))?.occurredAt).toBe('2026-01-15T08:05:00.000Z')
    expect(await seriousViolations(desk)).toEqual([])
  })
})
