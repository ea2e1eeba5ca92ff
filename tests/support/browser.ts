import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'
import { chromiumProblem, missingService, testEnv } from './services.ts'

/** Flags for Debian's chromium on a machine without network or GPU (see ../shared/STACK.md). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** True when the browser tests cannot run here (said loudly; fails in CI). */
export function browserMissing(): boolean {
  const problem = chromiumProblem()
  return problem !== null && missingService('Chromium', problem)
}

/** Launches the system's chromium; never downloads a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: testEnv.chromium, args: chromiumArgs, headless: true })
}
