import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { screenshotsDir, signInAsDemo as signIn } from '../support/demoBrowser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'

const skip = browserMissing()
const screenshots = screenshotsDir

describe.skipIf(skip)('the duty desk and the case room in Chromium', () => {
  const suite = demoBrowserSuite('liaison-desk-')
  const newPage = (): Promise<Page> => suite.newPage()
  let duty: Page
  let crisis: Page
  let caseUrl = ''

  it('lets a duty officer log in the daily log and open a case from the duty desk', async () => {
    duty = await newPage()
    await signIn(duty, suite.url, 'duty')
    await expect.poll(() => duty.getByRole('heading', { name: 'Duty desk', level: 1 }).count()).toBe(1)

    const logForm = duty.getByTestId('log-form')
    await logForm.getByLabel('Log entry').fill('Quiet night; radio check with the provinces done.')
    await logForm.getByRole('button', { name: 'Add to log' }).click()
    await expect
      .poll(() => duty.getByTestId('daily-log').textContent())
      .toContain('radio check with the provinces')
    expect(await seriousViolations(duty)).toEqual([])
    await duty.screenshot({ path: join(screenshots, 'duty-desk.png'), fullPage: true })

    await duty.getByRole('button', { name: 'Open a case' }).click()
    const form = duty.getByTestId('open-case-form')
    await form.getByLabel('Status').selectOption('exercise')
    await form.getByLabel('Type', { exact: true }).fill('flood')
    await form.getByLabel('Title').fill('Meuse flood exercise')
    await form.getByLabel('Severity').selectOption('major')
    await form.getByLabel('BE D1 rescue').check()
    await form.getByLabel('Scaling doctrine').selectOption('BE')
    await form.getByLabel('Scaling level').selectOption('provincial')
    await form.getByRole('button', { name: 'Open the case' }).click()
    await expect.poll(() => duty.url()).toMatch(/#\/cases\/[0-9a-f-]{36}$/)
    caseUrl = duty.url()
    await expect
      .poll(() => duty.getByRole('heading', { level: 1 }).textContent())
      .toContain('Meuse flood exercise')
    expect(await duty.getByTestId('case-scaling').textContent()).toContain('Provincial phase')
    expect(await duty.getByTestId('case-status').first().textContent()).toBe('EXERCISE')
  })

  it('shows each officer the entry of the other without a reload', async () => {
    crisis = await newPage()
    await signIn(crisis, suite.url, 'crisis')
    await crisis.goto(caseUrl)
    await expect
      .poll(() => crisis.getByRole('heading', { level: 1 }).textContent())
      .toContain('Meuse flood exercise')
    await duty.goto(caseUrl)
    await expect.poll(() => duty.getByTestId('log-form').isVisible()).toBe(true)

    // keyboard first: Alt+L to the text, Ctrl+Enter to log
    await duty.keyboard.press('Alt+KeyL')
    await duty.keyboard.type('Water level at Liège 4.2 m and rising.')
    await duty.keyboard.press('Control+Enter')
    await crisis.getByTestId('log-form').getByLabel('Log entry').fill('Provincial crisis cell convened.')
    await crisis.getByTestId('log-form').getByRole('button', { name: 'Add to log' }).click()

    await expect
      .poll(() => crisis.getByTestId('case-log').textContent())
      .toContain('Water level at Liège 4.2 m')
    await expect
      .poll(() => duty.getByTestId('case-log').textContent())
      .toContain('Provincial crisis cell convened.')
    expect(await seriousViolations(duty)).toEqual([])
    await duty.screenshot({ path: join(screenshots, 'case-room.png'), fullPage: true })
  })

  it('promotes a log entry to a task', async () => {
    const entry = duty
      .getByTestId('case-log')
      .getByRole('listitem')
      .filter({ hasText: 'Water level at Liège' })
    await entry.getByRole('button', { name: 'Make task' }).click()
    const form = duty.getByTestId('task-form')
    await expect.poll(() => form.getByLabel('Task').inputValue()).toContain('Water level at Liège')
    await form.getByLabel('Task').fill('Check the dykes along the Meuse')
    await form.getByRole('button', { name: 'Give the task' }).click()
    await expect.poll(() => duty.getByTestId('tasks-table').textContent()).toContain('Check the dykes')
    expect(await duty.getByTestId('tasks-table').textContent()).toContain('from the log')
    await expect.poll(() => crisis.getByTestId('tasks-table').textContent()).toContain('Check the dykes')
  })

  it('drafts a situation report that a crisis manager approves', async () => {
    await duty.getByRole('button', { name: 'Draft the next report' }).click()
    await expect.poll(() => duty.getByTestId('sitreps').textContent()).toContain('Report 1')
    expect(await duty.getByRole('button', { name: 'Approve report 1' }).count()).toBe(0)
    await expect.poll(() => crisis.getByRole('button', { name: 'Approve report 1' }).count()).toBe(1)
    await crisis.getByRole('button', { name: 'Approve report 1' }).click()
    await expect.poll(() => crisis.getByTestId('sitreps').textContent()).toContain('APPROVED')
    await expect.poll(() => duty.getByTestId('sitreps').textContent()).toContain('APPROVED')
    expect(await duty.getByRole('link', { name: /Print report 1/ }).getAttribute('target')).toBe('_blank')
    expect(await seriousViolations(crisis)).toEqual([])
  })
})
