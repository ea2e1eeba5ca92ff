import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations } from '../support/axe.ts'
import { browserMissing } from '../support/browser.ts'
import { demoAccount, fillSignIn } from '../support/demoBrowser.ts'
import { demoBrowserSuite } from '../support/demoBrowserSuite.ts'

const skip = browserMissing()

/** The node checks a session's credential at each stream heartbeat (15 s by default); this leaves room. */
const sessionEndTimeout = 30_000

describe.skipIf(skip)(
  'a page that ends with its session, and changing your own password, in Chromium',
  () => {
    const suite = demoBrowserSuite('liaison-session-')
    /** The one-time codes spent, per account: the node takes each code once. */
    const spent = new Map<string, Set<string>>()

    /** The demo's current code for an account, once it is one that has not been used (at most 30 s). */
    const freshCode = async (username: string): Promise<string> => {
      const used = spent.get(username) ?? new Set<string>()
      spent.set(username, used)
      let code = ''
      await expect
        .poll(
          async () => {
            code = (await demoAccount(suite.url, username)).code
            return used.has(code)
          },
          { timeout: 40_000, interval: 1_000 },
        )
        .toBe(false)
      return code
    }

    /** Signs in with a code not used before; `password` defaults to the demo's. */
    const signIn = async (page: Page, username: string, password?: string): Promise<string> => {
      const code = await freshCode(username)
      await fillSignIn(
        page,
        suite.url,
        username,
        password ?? (await demoAccount(suite.url, username)).password,
        code,
      )
      return code
    }

    const signedIn = async (page: Page, username: string, password?: string): Promise<void> => {
      const code = await signIn(page, username, password)
      await expect.poll(() => page.getByTestId('user-menu').isVisible()).toBe(true)
      spent.get(username)?.add(code)
    }

    /** What the sign-in page says about the end of the session. */
    const signInNotice = (page: Page) => page.getByTestId('signin-notice')

    it('brings a page back to sign-in by itself when its session is signed out everywhere from another browser', async () => {
      const a = await suite.newPage()
      const b = await suite.newPage()
      await signedIn(a, 'duty')
      await a.goto(`${suite.url}/#/node`)
      await expect
        .poll(() => a.getByRole('heading', { name: 'Welcome, Dirk Duty', level: 1 }).count())
        .toBe(1)
      await signedIn(b, 'duty')

      // from now on, what page A asks the node
      const asked: string[] = []
      a.on('request', (request) => {
        const path = new URL(request.url()).pathname
        if (path.startsWith('/api/')) asked.push(`${request.method()} ${path}`)
      })

      const userMenu = b.getByTestId('user-menu')
      await userMenu.getByRole('button', { name: 'Sign out everywhere' }).click()
      await userMenu.getByRole('button', { name: 'Yes, sign out everywhere' }).click()
      await expect.poll(() => b.getByTestId('signin-form').isVisible()).toBe(true)
      expect(await signInNotice(b).textContent()).toBe('You have signed out of every session.')

      // page A is left alone: its live stream ends with the session, and the page follows
      await expect
        .poll(() => a.getByTestId('signin-form').isVisible(), { timeout: sessionEndTimeout })
        .toBe(true)
      expect(await signInNotice(a).textContent()).toBe('Your session has ended. Please sign in again.')
      expect(await a.getByTestId('user-menu').count()).toBe(0)
      // it was the stream that said so: the page's first question was whether the session is gone
      expect(asked[0]).toBe('GET /api/v1/me')
      // and the page does not try the stream again
      await a.waitForTimeout(3_000)
      expect(asked.filter((request) => request.includes('/api/v1/stream'))).toEqual([])
      expect(await seriousViolations(a)).toEqual([])
    })

    it('keeps a page signed in when only its roles change, and shows the new ones, without a reload', async () => {
      const admin = await suite.newPage()
      const author = await suite.newPage()
      await signedIn(admin, 'admin')
      await signedIn(author, 'author')
      const nav = author.getByRole('navigation', { name: 'Main' })
      expect(await nav.getByRole('link', { name: 'Audit' }).count()).toBe(0)
      await author.evaluate(() => {
        ;(window as unknown as { notReloaded: boolean }).notReloaded = true
      })

      // the administrator makes the alert author a crisis manager too
      const me = (await (await admin.request.get(`${suite.url}/api/v1/me`)).json()) as { csrfToken: string }
      const users = (await (await admin.request.get(`${suite.url}/api/v1/users`)).json()) as {
        items: { id: string; username: string }[]
      }
      const authorId = users.items.find((u) => u.username === 'author')?.id ?? ''
      const changed = await admin.request.patch(`${suite.url}/api/v1/users/${authorId}`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { roles: ['alert-author', 'crisis-manager'] },
      })
      expect(changed.status()).toBe(200)

      // the stream ends with the old roles; the page finds its session alive and follows the new ones
      await expect
        .poll(() => nav.getByRole('link', { name: 'Audit' }).count(), { timeout: sessionEndTimeout })
        .toBe(1)
      expect(await author.getByTestId('user-roles').textContent()).toContain('Crisis manager')
      expect(await author.getByTestId('signin-form').count()).toBe(0)
      expect(await author.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
        true,
      )
    })

    let viewer: Page
    let other: Page
    const newPassword = 'night shift at the Liège provincial centre'

    it('changes the password from the user menu, checking the form in the browser and the current password on the node', async () => {
      viewer = await suite.newPage()
      other = await suite.newPage()
      await signedIn(viewer, 'viewer')
      await signedIn(other, 'viewer') // a second session, which the change will end

      await viewer.getByTestId('user-menu').getByRole('link', { name: 'Change password' }).click()
      await expect
        .poll(() => viewer.getByRole('heading', { name: 'Change your password', level: 1 }).count())
        .toBe(1)
      expect(await viewer.title()).toMatch(/^Change password · /)
      const form = viewer.getByTestId('password-form')
      const current = form.getByLabel('Current password')
      const fresh = form.getByLabel('New password', { exact: true })
      const repeat = form.getByLabel('Repeat the new password')
      expect(await current.getAttribute('autocomplete')).toBe('current-password')
      expect(await fresh.getAttribute('autocomplete')).toBe('new-password')
      expect(await repeat.getAttribute('autocomplete')).toBe('new-password')
      expect(await seriousViolations(viewer)).toEqual([])

      // checked in the browser first, from the keyboard: each field says what is wrong with it
      await current.focus()
      await viewer.keyboard.type('not my password at all')
      await viewer.keyboard.press('Tab')
      await viewer.keyboard.type('too short')
      await viewer.keyboard.press('Tab')
      await viewer.keyboard.type('something else')
      await viewer.keyboard.press('Enter')
      await expect.poll(() => fresh.getAttribute('aria-invalid')).toBe('true')
      expect(await form.textContent()).toContain('At least 12 characters.')
      expect(await repeat.getAttribute('aria-invalid')).toBe('true')
      expect(await form.textContent()).toContain('The two new passwords are not the same.')
      expect(await current.getAttribute('aria-invalid')).toBeNull()
      expect(await fresh.evaluate((input) => input === document.activeElement)).toBe(true)
      expect(await seriousViolations(viewer)).toEqual([])

      // then a wrong current password, refused by the node, on its field
      await fresh.fill(newPassword)
      await repeat.fill(newPassword)
      await form.getByRole('button', { name: 'Change password' }).click()
      await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true')
      expect(await form.textContent()).toContain('This is not your current password.')
      expect(await fresh.getAttribute('aria-invalid')).toBeNull()
      expect(await repeat.getAttribute('aria-invalid')).toBeNull()
      expect(await current.evaluate((input) => input === document.activeElement)).toBe(true)
      expect(await viewer.getByTestId('password-changed').textContent()).toBe('')
      expect(await seriousViolations(viewer)).toEqual([])

      // the right one: changed, and the other session is signed out
      await current.fill((await demoAccount(suite.url, 'viewer')).password)
      await form.getByRole('button', { name: 'Change password' }).click()
      await expect
        .poll(() => viewer.getByTestId('password-changed').textContent())
        .toBe('Your password is changed. 1 other session was signed out.')
      expect(await current.inputValue()).toBe('')
      expect(await fresh.inputValue()).toBe('')
      expect(await form.locator('[aria-invalid="true"]').count()).toBe(0)
      expect(await viewer.getByTestId('user-menu').isVisible()).toBe(true)

      // the other browser goes back to sign-in by itself
      await expect
        .poll(() => other.getByTestId('signin-form').isVisible(), { timeout: sessionEndTimeout })
        .toBe(true)
      expect(await signInNotice(other).textContent()).toBe('Your session has ended. Please sign in again.')
    })

    it('signs in with the new password, and no longer with the old one', async () => {
      await viewer.getByTestId('user-menu').getByRole('button', { name: 'Sign out', exact: true }).click()
      await expect.poll(() => viewer.getByTestId('signin-form').isVisible()).toBe(true)

      // a wrong password is refused before the code is looked at, so the same code serves next
      await signIn(viewer, 'viewer')
      const form = viewer.getByTestId('signin-form')
      await expect
        .poll(() => form.getByRole('alert').textContent())
        .toContain('The username, password or code is wrong.')

      await signedIn(viewer, 'viewer', newPassword)
      expect(await viewer.getByTestId('user-menu').textContent()).toContain('Vera Viewer')
    })
  },
)
