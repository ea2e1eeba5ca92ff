import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { repoRoot } from './runCli.ts'
import { testEnv } from './services.ts'

/** Where the end-to-end tests save screenshots: docs/ when refreshing them, build/ otherwise. */
export const screenshotsDir = join(repoRoot, testEnv.updateScreenshots ? 'docs' : 'build', 'screenshots')

/** The demo's current code for an account, as its sign-in page lists it. */
export async function demoAccount(
  url: string,
  username: string,
): Promise<{ password: string; code: string }> {
  const list = (await (await fetch(`${url}/api/v1/demo/sign-in`)).json()) as {
    users: { username: string; password: string; code: string }[]
  }
  const account = list.users.find((u) => u.username === username)
  if (!account) throw new Error(`no demo account ${username}`)
  return account
}

/** Fills the sign-in form as a person would (the code is optional: enrolling users have none). */
export async function fillSignIn(
  page: Page,
  url: string,
  username: string,
  password: string,
  code?: string,
): Promise<void> {
  await page.goto(`${url}/`)
  const form = page.getByTestId('signin-form')
  await form.getByLabel('Username').fill(username)
  await form.getByLabel('Password', { exact: true }).fill(password)
  if (code) await form.getByLabel('One-time code').fill(code)
  await form.getByRole('button', { name: 'Sign in' }).click()
}

/** Signs in as a demo account with its current code, and waits for the signed-in shell. */
export async function signInAsDemo(page: Page, url: string, username: string): Promise<void> {
  const account = await demoAccount(url, username)
  await fillSignIn(page, url, username, account.password, account.code)
  await expect.poll(() => page.getByTestId('user-menu').isVisible()).toBe(true)
}
