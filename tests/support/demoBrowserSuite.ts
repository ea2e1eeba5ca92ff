import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser.ts'
import { screenshotsDir } from './demoBrowser.ts'
import type { DemoProcess } from './demoProcess.ts'
import { freePorts, startDemoProcess } from './demoProcess.ts'

/** What a browser test sees of the demo and the browser that the suite started for it. */
export interface DemoBrowserSuite {
  /** The demo as a process (three centres). */
  readonly demo: DemoProcess
  /** The first centre's address (the Belgian one). */
  readonly url: string
  /** Every centre's address, in the demo's order. */
  readonly urls: readonly string[]
  readonly browser: Browser
  /**
   * A page in a context of its own (its own cookies): British English, Brussels time and a
   * 1280×900 window unless `options` say otherwise.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>
}

/** The context every browser test starts from. */
export const demoContextOptions: BrowserContextOptions = {
  locale: 'en-GB',
  timezoneId: 'Europe/Brussels',
  viewport: { width: 1280, height: 900 },
}

/**
 * Starts the demo as a process in a fresh data directory, and chromium, for the tests of the
 * surrounding `describe` (registering its `beforeAll` and `afterAll`); both are stopped and the
 * data directory removed afterwards. Call it first in the `describe`, so that its `beforeAll` runs
 * before the suite's own.
 */
export function demoBrowserSuite(dataDirPrefix: string): DemoBrowserSuite {
  let dataDir: string | undefined
  let demo: DemoProcess | undefined
  let browser: Browser | undefined
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or a hook`)
    return value
  }

  beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix))
    demo = await startDemoProcess({ ports: await freePorts(3), dataDir })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    demo?.child.kill('SIGINT')
    await demo?.exited
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  return {
    get demo() {
      return started(demo, 'the demo')
    },
    get url() {
      return started(demo, 'the demo').urls[0]!
    },
    get urls() {
      return started(demo, 'the demo').urls
    },
    get browser() {
      return started(browser, 'the browser')
    },
    async newPage(options = {}) {
      const context = await started(browser, 'the browser').newContext({ ...demoContextOptions, ...options })
      return context.newPage()
    },
  }
}
