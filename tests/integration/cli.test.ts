import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '@liaison/server'
import { runCli } from '../support/runCli.ts'

const root = mkdtempSync(join(tmpdir(), 'liaison-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('liaison (the command)', () => {
  const dataDir = join(root, 'be')
  const node = ['--node-id', 'be', '--node-name', 'Centre de crise national', '--data-dir', dataDir]

  it('migrates a new embedded database, then says it is up to date', async () => {
    const first = await runCli(['migrate', ...node])
    expect(first).toMatchObject({ code: 0, stdout: `applied 0001_foundation, 0002_identity to ${dataDir}\n` })
    const again = await runCli(['migrate', ...node])
    expect(again).toMatchObject({ code: 0, stdout: `${dataDir} is up to date (0002_identity)\n` })
  })

  it('adds organisations and lists them', async () => {
    const centre = await runCli([
      'org',
      'add',
      ...node,
      '--code',
      'nccn',
      '--name',
      'Centre de crise national (NCCN)',
      '--kind',
      'centre',
    ])
    expect(centre.code).toBe(0)
    expect(centre.stdout).toMatch(
      /^added centre nccn \(Centre de crise national \(NCCN\)\) with id [0-9a-f-]{36}\n$/,
    )
    expect(
      (await runCli(['org', 'add', ...node, '--code', 'police-federale', '--name', 'Police fédérale'])).code,
    ).toBe(0)
    const list = await runCli(['org', 'list', ...node])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')).toEqual([
      'code             kind     country  name',
      'nccn             centre   BE       Centre de crise national (NCCN)',
      'police-federale  partner  BE       Police fédérale',
      '',
    ])
    const json = JSON.parse((await runCli(['org', 'list', ...node, '--json'])).stdout) as {
      code: string
      parentId: string | null
      id: string
    }[]
    expect(json.find((o) => o.code === 'police-federale')?.parentId).toBe(
      json.find((o) => o.code === 'nccn')?.id,
    )
  })

  it.each([
    [
      'a duplicate code',
      ['--code', 'nccn', '--name', 'Again'],
      65,
      "an organisation with code 'nccn' already exists on this node",
    ],
    [
      'a bad code',
      ['--code', 'Bad Code', '--name', 'Bad'],
      65,
      "code: 'Bad Code' must be 1 to 40 lower-case letters",
    ],
    [
      'an unknown kind',
      ['--code', 'x1', '--name', 'Name', '--kind', 'ministry'],
      64,
      'kind must be one of centre, partner',
    ],
    ['a missing name', ['--code', 'x2'], 64, "required option '--name <name>' not specified"],
  ])('refuses %s with a clear message and exit code, adding nothing', async (_what, args, exit, message) => {
    const result = await runCli(['org', 'add', ...node, ...args])
    expect(result.code).toBe(exit)
    expect(result.stderr).toContain(message)
    const list = await runCli(['org', 'list', ...node, '--json'])
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(2)
  })

  it('refuses an unknown command and suggests the right one', async () => {
    const result = await runCli(['strat'])
    expect(result.code).toBe(64)
    expect(result.stderr).toContain("unknown command 'strat'")
    expect(result.stderr).toContain('start')
  })

  it('documents every configuration key in start --help', async () => {
    const result = await runCli(['start', '--help'])
    expect(result.code).toBe(0)
    for (const key of [
      'node.id',
      'http.port',
      'store.url',
      'LIAISON_DATABASE_URL',
      '--data-dir',
      'log.level',
    ])
      expect(result.stdout).toContain(key)
  })

  it('lists every configuration problem at once, and exits 78', async () => {
    const config = join(root, 'bad.json')
    writeFileSync(config, JSON.stringify({ http: { prot: 80 } }))
    const result = await runCli(['start', '--config', config, '--port', 'eighty'], {
      env: { LIAISON_DATABASE_URL: 'mysql://root@localhost/liaison', LIAISON_NODE_IDD: 'be' },
    })
    expect(result.code).toBe(78)
    expect(result.stderr).toContain('invalid configuration (4 problems)')
    expect(result.stderr).toContain("unknown key 'http.prot' (did you mean 'http.port'?)")
    expect(result.stderr).toContain("scheme 'mysql:' is not supported")
    expect(result.stderr).toContain("unknown variable LIAISON_NODE_IDD (did you mean 'LIAISON_NODE_ID'?)")
    expect(result.stderr).toContain("'eighty' must be a whole number")
  })

  it('says which database it cannot reach, and exits 69', async () => {
    const result = await runCli([
      'migrate',
      '--database-url',
      'postgres://postgres:hunter2@127.0.0.1:1/liaison',
    ])
    expect(result.code).toBe(69)
    expect(result.stderr).toContain('cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:1/liaison')
    expect(result.stderr).not.toContain('hunter2')
  })

  it('refuses a port in use before touching any data, and exits 69', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const fresh = join(root, 'never-created')
    try {
      const result = await runCli(['start', '--node-id', 'be', '--port', String(port), '--data-dir', fresh])
      expect(result.code).toBe(69)
      expect(result.stderr).toContain(`127.0.0.1:${port} is already in use`)
      expect(existsSync(fresh)).toBe(false)
    } finally {
      blocker.close()
    }
  })

  it('refuses a data directory another process has open, and exits 75', async () => {
    const store = await openStore({ engine: 'pglite', dataDir })
    try {
      const result = await runCli(['org', 'list', ...node])
      expect(result.code).toBe(75)
      expect(result.stderr).toContain(`data directory ${dataDir} is in use by process ${process.pid}`)
    } finally {
      await store.close()
    }
    expect(readdirSync(dataDir)).not.toContain('liaison.lock')
  })

  it("refuses to open one node's database as another's, and exits 78", async () => {
    const result = await runCli(['org', 'list', '--node-id', 'nl', '--data-dir', dataDir])
    expect(result.code).toBe(78)
    expect(result.stderr).toContain("this database belongs to node 'be', not 'nl'")
  })
})
