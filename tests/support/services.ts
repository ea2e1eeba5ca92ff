import { existsSync } from 'node:fs'
import pg from 'pg'

/** The tests' own environment, read here and nowhere else in the tests. */
export const testEnv = {
  ci: process.env['CI'] === 'true' || process.env['CI'] === '1',
  pgUrl: process.env['LIAISON_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  chromium: process.env['LIAISON_TEST_CHROMIUM'] ?? '/usr/bin/chromium',
  /** Set to 1 to refresh the screenshots in docs/ (otherwise they go to build/screenshots). */
  updateScreenshots: process.env['LIAISON_TEST_UPDATE_SCREENSHOTS'] === '1',
}

/**
 * A service a test needs and cannot find: with CI=true that fails the run; elsewhere it is
 * said loudly and the test is skipped (never silently).
 */
export function missingService(what: string, why: string): boolean {
  const message = `\n!!! ${what} is not available (${why}): ${testEnv.ci ? 'CI=true, so this FAILS the run' : 'SKIPPING the tests that need it'} !!!\n`
  if (testEnv.ci) throw new Error(message)
  process.stderr.write(message)
  return true
}

let pgReachable: Promise<string | null> | undefined

/** Null when PostgreSQL answers at LIAISON_TEST_PG_URL, else why not. */
export function postgresProblem(): Promise<string | null> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: testEnv.pgUrl, connectionTimeoutMillis: 3_000 })
    try {
      await client.connect()
      await client.query('select 1')
      return null
    } catch (error) {
      return `${testEnv.pgUrl}: ${(error as Error).message}`
    } finally {
      await client.end().catch(() => {})
    }
  })()
  return pgReachable
}

export function chromiumProblem(): string | null {
  return existsSync(testEnv.chromium) ? null : `no browser at ${testEnv.chromium} (set LIAISON_TEST_CHROMIUM)`
}
