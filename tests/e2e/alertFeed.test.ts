import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { signInAsDemo as signIn } from '../support/demoBrowser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'

const skip = browserMissing()

/** The public feed's entries: each one's CAP identifier, message type and title. */
async function feedEntries(publicUrl: string): Promise<{ id: string; msgType: string; title: string }[]> {
  const feed = await (await fetch(`${publicUrl}/feed.atom`)).text()
  return [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, entry]) => ({
    id: /<cap:identifier>([^<]+)<\/cap:identifier>/.exec(entry!)?.[1] ?? '',
    msgType: /<cap:msgType>([^<]+)<\/cap:msgType>/.exec(entry!)?.[1] ?? '',
    title: /<title[^>]*>([^<]*)<\/title>/.exec(entry!)?.[1] ?? '',
  }))
}

describe.skipIf(skip)(
  'an alert from a template to the public feed and page in Chromium: issue, Update, Cancel',
  () => {
    const suite = demoBrowserSuite('liaison-alert-feed-')
    let author: Page
    let approver: Page
    let alertUrl = ''
    let publicUrl = ''
    const idOf = (url: string) => url.split('/').pop() ?? ''

    it('lets an author start from the chemical-fire template, fill its placeholders, see the checks and previews, and submit', async () => {
      publicUrl = suite.demo.publicUrls[0]!
      author = await suite.newPage()
      await signIn(author, suite.url, 'author')
      await author.goto(`${suite.url}/#/alerts/new`)
      const form = author.getByTestId('alert-composer')
      await expect.poll(() => form.getByTestId('template-picker').count(), { timeout: 10_000 }).toBe(1)
      const template = form.getByTestId('template-choice')
      const label = (await template.locator('option', { hasText: 'Incendie chimique' }).textContent()) ?? ''
      await template.selectOption({ label })
      await form.getByLabel('Fill in “place”').fill('Herstal')
      // a missing value is named on its field
      await form.getByRole('button', { name: 'Use this template' }).click()
      await expect.poll(() => form.textContent()).toContain('Fill this in with one line of text.')
      await form.getByLabel('Fill in “site”').fill('crisiscenter.be')
      await form.getByRole('button', { name: 'Use this template' }).click()
      await expect.poll(() => form.getByTestId('made-from-template').count()).toBe(1)
      expect(await author.getByTestId('alert-status-banner').textContent()).toContain('ACTUAL')
      const english = form.getByTestId('language-en')
      expect(await english.getByLabel('Headline').inputValue()).toBe(
        'Fire in Herstal: close windows and doors',
      )
      expect(await form.getByTestId('language-de').getByLabel('Headline').inputValue()).toBe(
        'Brand in Herstal: Fenster und Türen schließen',
      )

      // the previews of the chosen channels, as each will show it
      await english.getByText('Preview on each channel').click()
      const sms = english.getByTestId('preview-sms')
      expect(await sms.textContent()).toContain('SMS part 1 of 1')
      expect(await sms.textContent()).toContain('Unsubscribe: reply STOP')
      expect(await english.getByTestId('preview-push').textContent()).toContain('Fire in Herstal')

      // the area: a circle in Liège; the province expects French and German, which the template has
      await form.getByLabel('Area description').fill('Herstal')
      await form.getByLabel('Centre latitude').fill('50.66')
      await form.getByLabel('Centre longitude').fill('5.63')
      await form.getByLabel('Radius (km)').fill('2')
      await expect
        .poll(() => form.getByTestId('area-check').textContent(), { timeout: 10_000 })
        .toContain('The area is valid')
      expect(await form.getByTestId('language-warnings').count()).toBe(0)
      // without Dutch, Belgium's other languages are missing: warned, with a button to add it back
      await form
        .getByTestId('language-nl')
        .getByRole('button', { name: /^Remove/ })
        .click()
      await expect.poll(() => form.getByTestId('missing-language-nl').count()).toBe(1)
      expect(await seriousViolations(author)).toEqual([])
      await form.getByTestId('missing-language-nl').getByRole('button').click()
      await expect.poll(() => form.getByTestId('language-warnings').count()).toBe(0)
      await form
        .getByTestId('language-nl')
        .getByLabel('Headline')
        .fill('Brand in Herstal: sluit ramen en deuren')

      await form.getByRole('button', { name: 'Save and submit for approval' }).click()
      await expect
        .poll(() => author.getByTestId('alert-state').textContent(), { timeout: 10_000 })
        .toBe('Waiting for approval')
      alertUrl = author.url()
    })

    it('is approved by a second person, then appears in the Atom feed and on the public page', async () => {
      approver = await suite.newPage()
      await signIn(approver, suite.url, 'approver')
      await approver.goto(alertUrl)
      await approver.getByRole('button', { name: 'Approve and issue now' }).click()
      await expect
        .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
        .toBe('Issued')
      const id = idOf(alertUrl)
      await expect
        .poll(async () => (await feedEntries(publicUrl)).find((e) => e.id === id)?.msgType, {
          timeout: 10_000,
        })
        .toBe('Alert')
      const page = await suite.newPage()
      await page.goto(`${publicUrl}/?lang=en`)
      const article = page.getByTestId('public-alert').filter({ hasText: 'Fire in Herstal' })
      expect(await article.count()).toBe(1)
      expect(await seriousViolations(page)).toEqual([])
    })

    it('is corrected by one approver (a narrowing Update): the Update replaces it in the feed', async () => {
      await approver.getByRole('button', { name: 'Correct' }).click()
      const form = approver.getByTestId('alert-composer')
      await expect.poll(() => form.isVisible()).toBe(true)
      const english = form.getByTestId('language-en')
      await english.getByLabel('Headline').fill('Fire in Herstal under control: keep windows closed')
      await form.getByRole('button', { name: 'Save as draft' }).click()
      await expect
        .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
        .toBe('Draft')
      await approver
        .getByRole('button', { name: 'Issue this narrowing correction now (one approver)' })
        .click()
      await expect
        .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
        .toBe('Issued')
      const updateId = idOf(approver.url())
      await expect
        .poll(async () => (await feedEntries(publicUrl)).map((e) => [e.id, e.msgType]), { timeout: 10_000 })
        .toContainEqual([updateId, 'Update'])
      expect((await feedEntries(publicUrl)).map((e) => e.id)).not.toContain(idOf(alertUrl))
      alertUrl = approver.url()
    })

    it('is cancelled by one approver: the Cancel is in the feed and the page shows the alert ended', async () => {
      await approver.getByRole('button', { name: 'Cancel this alert' }).click()
      await expect
        .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
        .toBe('Draft')
      await approver.getByRole('button', { name: 'Issue this cancellation now (one approver)' }).click()
      await expect
        .poll(() => approver.getByTestId('alert-state').textContent(), { timeout: 10_000 })
        .toBe('Issued')
      const cancelId = idOf(approver.url())
      await expect
        .poll(async () => (await feedEntries(publicUrl)).map((e) => [e.id, e.msgType]), { timeout: 10_000 })
        .toContainEqual([cancelId, 'Cancel'])
      const entries = await feedEntries(publicUrl)
      expect(entries.map((e) => e.id)).not.toContain(idOf(alertUrl))
      const page = await suite.newPage()
      await page.goto(`${publicUrl}/?lang=en`)
      expect(await page.getByTestId('public-alert').first().textContent()).toContain('Alert ended')
    })
  },
)
