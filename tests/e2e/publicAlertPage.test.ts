import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'
import { demoSession } from '../support/demoProcess.ts'

const skip = browserMissing()

describe.skipIf(skip)('the public alert page in Chromium', () => {
  const suite = demoBrowserSuite('liaison-public-')

  it('shows an issued alert on the public page, accessible (axe-core), without a script, and in the feed', async () => {
    const url = suite.url
    const publicUrl = suite.demo.publicUrls[0]!
    const post = async (who: { cookie: string; csrf: string }, path: string, body: object) => {
      const answer = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(answer.status, await answer.clone().text()).toBeLessThan(300)
      return (await answer.json()) as { id: string; version: number }
    }
    const author = await demoSession(url, 'author')
    const approver = await demoSession(url, 'approver')
    const expires = new Date(Date.now() + 6 * 3600_000).toISOString().replace(/\.\d+Z$/, '+00:00')
    const info = (language: string, headline: string, instruction: string) => ({
      language,
      category: ['Fire'],
      event: 'Incendie industriel',
      responseType: ['Shelter'],
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      eventCode: [],
      expires,
      headline,
      description: 'Un incendie à Visé produit une fumée épaisse.',
      instruction,
      parameter: [],
      resource: [],
      area: [{ areaDesc: 'Visé', polygon: [], circle: ['50.73,5.69 4'], geocode: [] }],
    })
    const draft = await post(author, '/api/v1/alerts', {
      status: 'Actual',
      sender: 'alert@nccn.be',
      scope: 'Public',
      info: [
        info('fr-BE', 'Fermez portes et fenêtres à Visé', 'Restez à l’intérieur.'),
        info('nl-BE', 'Sluit ramen en deuren in Wezet', 'Blijf binnen.'),
      ],
      channels: ['feed'],
    })
    const submitted = await post(author, `/api/v1/alerts/${draft.id}/submit`, { version: draft.version })
    await post(approver, `/api/v1/alerts/${draft.id}/approve`, { version: submitted.version })

    const page = await suite.newPage({ locale: 'fr-BE', javaScriptEnabled: false })
    await expect
      .poll(async () => {
        await page.goto(`${publicUrl}/`)
        return page.getByTestId('public-alert').count()
      })
      .toBeGreaterThan(0)
    const alert = page.getByTestId('public-alert').first()
    expect(await alert.getByRole('heading', { level: 3 }).textContent()).toBe(
      'Fermez portes et fenêtres à Visé',
    )
    expect(await alert.getByRole('img').getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/)
    expect(await page.locator('script').count()).toBe(0)
    // axe needs script in the page: a second look with JavaScript on, at the same HTML
    const checked = await suite.newPage({ locale: 'fr-BE' })
    await checked.goto(`${publicUrl}/`)
    expect(await seriousViolations(checked)).toEqual([])
    await checked.goto(`${publicUrl}/?lang=nl`)
    expect(await checked.getByRole('heading', { level: 3 }).first().textContent()).toBe(
      'Sluit ramen en deuren in Wezet',
    )
    expect(await seriousViolations(checked)).toEqual([])
    const feed = await (await fetch(`${publicUrl}/feed.atom`)).text()
    expect(feed).toContain(`/cap/${draft.id}.xml`)
  })
})
