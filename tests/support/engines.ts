import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import type { StoreOptions } from '@liaison/server'
import { migrate, openStore } from '@liaison/server'
import { missingService, postgresProblem, testEnv } from './services.ts'

/** One store engine for the contract suites: how to get a fresh, empty database on it. */
export interface TestEngine {
  readonly name: 'pglite' | 'postgres'
  fresh(): Promise<{ options: StoreOptions; dispose(): Promise<void> }>
}

let template: Promise<string> | undefined

/** initdb and the migrations take ~2 s; they run once per test file and each test gets a copy of the result. */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'liaison-template-')), 'db')
    const store = await openStore({ engine: 'pglite', dataDir: dir })
    await migrate(store.db)
    await store.close()
    process.once('exit', () => rmSync(dirname(dir), { recursive: true, force: true }))
    return dir
  })()
  return template
}

const pglite: TestEngine = {
  name: 'pglite',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-test-'))
    cpSync(await pgliteTemplate(), join(dir, 'db'), { recursive: true })
    return {
      options: { engine: 'pglite', dataDir: join(dir, 'db') },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    }
  },
}

const postgres: TestEngine = {
  name: 'postgres',
  async fresh() {
    const name = `liaison_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: testEnv.pgUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(testEnv.pgUrl)
    url.pathname = `/${name}`
    return {
      options: { engine: 'postgres', url: url.toString(), poolSize: 5 },
      async dispose() {
        const client = new pg.Client({ connectionString: testEnv.pgUrl })
        await client.connect()
        await client.query(`drop database if exists ${name} with (force)`)
        await client.end()
      },
    }
  },
}

/**
 * The engines every contract suite runs on: PGlite always; PostgreSQL when it answers (and
 * always in CI, where its absence fails the run).
 */
export async function testEngines(): Promise<TestEngine[]> {
  const problem = await postgresProblem()
  if (problem && missingService('PostgreSQL', problem)) return [pglite]
  return [pglite, postgres]
}
