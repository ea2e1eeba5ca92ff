import { generateKeyPairSync } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Store } from '@liaison/server'
import { openStore } from '@liaison/server'
import { cutAuditTail, rewriteAuditRow } from '../support/auditTampering.ts'
import { runCli, runCliHere } from '../support/runCli.ts'

/**
 * Most commands run in-process through the CLI's `main()` (a child process costs about 2.3 s to
 * start); the real command, as a process, is run where that is the point: the first migration,
 * an unknown command, and a data directory another process holds.
 */
const cli = (args: readonly string[], options: { env?: Record<string, string> } = {}) =>
  runCliHere(args, options.env ?? {})

const root = mkdtempSync(join(tmpdir(), 'liaison-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('liaison (the command)', () => {
  const dataDir = join(root, 'be')
  const node = ['--node-id', 'be', '--node-name', 'Centre de crise national', '--data-dir', dataDir]

  it('migrates a new embedded database, then says it is up to date', async () => {
    const first = await runCli(['migrate', ...node])
    expect(first).toMatchObject({
      code: 0,
      stdout: `applied 0001_foundation, 0002_identity, 0003_cases, 0004_tasks, 0005_sitreps, 0006_duty, 0007_calendar, 0008_directory, 0009_notifications, 0010_attachments, 0011_plan_level, 0012_sitrep_versions, 0013_plan_documents, 0014_correction_index, 0015_rate_limits, 0016_access_rules, 0017_jobs, 0018_idempotency, 0019_sequencer, 0020_list_indexes, 0021_event_sharing, 0022_processors, 0026_reported_time, 0027_credential_changes, 0028_received_alerts, 0029_peers, 0030_areas, 0031_alerts, 0032_cap_sources, 0033_federation_streams, 0034_public_alerts, 0035_audit_target, 0036_received_items, 0040_alert_templates, 0041_alert_expiry, 0042_subscribers, 0044_organisation_changes, 0045_alert_proposals, 0047_paging, 0048_peer_pending_keys, 0049_received_decisions_and_sitreps to ${dataDir}\n`,
    })
    const again = await cli(['migrate', ...node])
    expect(again).toMatchObject({
      code: 0,
      stdout: `${dataDir} is up to date (0049_received_decisions_and_sitreps)\n`,
    })
  })

  it('adds organisations and lists them', async () => {
    const centre = await cli([
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
      (await cli(['org', 'add', ...node, '--code', 'police-federale', '--name', 'Police fédérale'])).code,
    ).toBe(0)
    const list = await cli(['org', 'list', ...node])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')).toEqual([
      'code             kind     country  name',
      'nccn             centre   BE       Centre de crise national (NCCN)',
      'police-federale  partner  BE       Police fédérale (grants: viewer, partner, duty-officer)',
      '',
    ])
    const json = JSON.parse((await cli(['org', 'list', ...node, '--json'])).stdout) as {
      code: string
      parentId: string | null
      id: string
    }[]
    expect(json.find((o) => o.code === 'police-federale')?.parentId).toBe(
      json.find((o) => o.code === 'nccn')?.id,
    )
  })

  it("sets the roles a partner's administrators may grant", async () => {
    const set = await cli([
      'org',
      'grantable-roles',
      ...node,
      '--code',
      'police-federale',
      '--roles',
      'viewer,partner,crisis-manager',
    ])
    expect(set).toMatchObject({
      code: 0,
      stdout: "police-federale's administrators may grant: crisis-manager, partner, viewer\n",
    })
    const bad = await cli([
      'org',
      'grantable-roles',
      ...node,
      '--code',
      'police-federale',
      '--roles',
      'mayor',
    ])
    expect(bad.code).toBe(65)
    expect(bad.stderr).toContain("roles: 'mayor' is not a role")
    const centre = await cli(['org', 'grantable-roles', ...node, '--code', 'nccn', '--roles', 'viewer'])
    expect(centre.code).toBe(65)
    expect(centre.stderr).toContain("the centre's administrators grant any role")
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
    const result = await cli(['org', 'add', ...node, ...args])
    expect(result.code).toBe(exit)
    expect(result.stderr).toContain(message)
    const list = await cli(['org', 'list', ...node, '--json'])
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(2)
  })

  it('refuses an unknown command and suggests the right one', async () => {
    const result = await runCli(['strat'])
    expect(result.code).toBe(64)
    expect(result.stderr).toContain("unknown command 'strat'")
    expect(result.stderr).toContain('start')
  })

  it('documents every configuration key in start --help', async () => {
    const result = await cli(['start', '--help'])
    expect(result.code).toBe(0)
    for (const key of [
      'node.id',
      'http.port',
      'store.url',
      'LIAISON_DATABASE_URL',
      '--data-dir',
      'log.level',
      'http.url',
      '--allowed-hosts',
      'LIAISON_HTTP_ALLOWED_HOSTS',
    ])
      expect(result.stdout).toContain(key)
  })

  it('lists every configuration problem at once, and exits 78', async () => {
    const config = join(root, 'bad.json')
    writeFileSync(config, JSON.stringify({ http: { prot: 80 } }))
    const result = await cli(['start', '--config', config, '--port', 'eighty'], {
      env: { LIAISON_DATABASE_URL: 'mysql://root@localhost/liaison', LIAISON_NODE_IDD: 'be' },
    })
    expect(result.code).toBe(78)
    expect(result.stderr).toContain('invalid configuration (4 problems)')
    expect(result.stderr).toContain("unknown key 'http.prot' (did you mean 'http.port'?)")
    expect(result.stderr).toContain("scheme 'mysql:' is not supported")
    expect(result.stderr).toContain("unknown variable LIAISON_NODE_IDD (did you mean 'LIAISON_NODE_ID'?)")
    expect(result.stderr).toContain("'eighty' must be a whole number")
  })

  it('refuses to listen on every interface without http.url, or a host list it cannot read, and exits 78', async () => {
    const fresh = join(root, 'never-created-host')
    const everywhere = await cli(['start', '--host', '0.0.0.0', '--data-dir', fresh])
    expect(everywhere.code).toBe(78)
    expect(everywhere.stderr).toContain('http.host 0.0.0.0 listens on every interface')
    expect(everywhere.stderr).toContain('set http.url')
    const bad = await cli(['start', '--url', 'liaison.example.org', '--allowed-hosts', 'a.example,::1'], {
      env: { LIAISON_DATA_DIR: fresh },
    })
    expect(bad.code).toBe(78)
    expect(bad.stderr).toContain(
      "flag --url: http.url: 'liaison.example.org' must be an http:// or https:// address",
    )
    expect(bad.stderr).toContain(
      "flag --allowed-hosts: http.allowedHosts: '::1' is not a host name or host:port",
    )
    expect(existsSync(fresh)).toBe(false)
  })

  it('says which database it cannot reach, and exits 69', async () => {
    const result = await cli(['migrate', '--database-url', 'postgres://postgres:hunter2@127.0.0.1:1/liaison'])
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
      const result = await cli(['start', '--node-id', 'be', '--port', String(port), '--data-dir', fresh])
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
    const result = await cli(['org', 'list', '--node-id', 'nl', '--data-dir', dataDir])
    expect(result.code).toBe(78)
    expect(result.stderr).toContain("this database belongs to node 'be', not 'nl'")
  })
})

describe('liaison user, token and audit', () => {
  const dataDir = join(root, 'identity')
  const node = ['--node-id', 'be', '--data-dir', dataDir]

  it('adds users, lists them, and resets them', async () => {
    expect(
      (await cli(['org', 'add', ...node, '--code', 'nccn', '--name', 'NCCN', '--kind', 'centre'])).code,
    ).toBe(0)
    const added = await cli([
      'user',
      'add',
      ...node,
      '--org',
      'nccn',
      '--username',
      'ada',
      '--display-name',
      'Ada Admin',
      '--roles',
      'admin,crisis-manager',
    ])
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(
      /^added ada \(admin, crisis-manager\) with id [0-9a-f-]{36}\ninitial password: \S{23}\n/,
    )
    const list = await cli(['user', 'list', ...node])
    expect(list.stdout).toContain('ada               nccn              no    active    admin,crisis-manager')
    const reset = await cli(['user', 'reset', ...node, '--username', 'ada', '--password', '--totp'])
    expect(reset.code).toBe(0)
    expect(reset.stdout).toMatch(/new password: \S{23}\n$/)
  })

  it.each([
    [
      'an unknown role',
      ['--org', 'nccn', '--username', 'bob', '--display-name', 'Bob', '--roles', 'king'],
      65,
      "roles: 'king' is not a role",
    ],
    [
      'a weak password',
      [
        '--org',
        'nccn',
        '--username',
        'bob',
        '--display-name',
        'Bob',
        '--roles',
        'viewer',
        '--password',
        'short',
      ],
      65,
      'at least 12 characters',
    ],
    [
      'an unknown organisation',
      ['--org', 'nowhere', '--username', 'bob', '--display-name', 'Bob', '--roles', 'viewer'],
      66,
      "no organisation with code 'nowhere'",
    ],
    [
      'a taken username',
      ['--org', 'nccn', '--username', 'ada', '--display-name', 'Ada 2', '--roles', 'viewer'],
      65,
      "the username 'ada' is taken",
    ],
  ])('refuses %s', async (_what, args, exit, message) => {
    const result = await cli(['user', 'add', ...node, ...args])
    expect(result.code).toBe(exit)
    expect(result.stderr).toContain(message)
  })

  it('creates a token once, refuses scopes beyond the user, and revokes it', async () => {
    const beyond = await cli([
      'token',
      'create',
      ...node,
      '--username',
      'ada',
      '--name',
      'pager',
      '--scopes',
      'alerts.approve',
    ])
    expect(beyond.code).toBe(65)
    expect(beyond.stderr).toContain("'alerts.approve' exceeds what the token's user (ada) may do")
    const created = await cli([
      'token',
      'create',
      ...node,
      '--username',
      'ada',
      '--name',
      'pager',
      '--scopes',
      'read,audit.read',
      '--days',
      '30',
    ])
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/secret \(shown once\): lia_\S{43}\n$/)
    const id = /^token ([0-9a-f-]{36})/.exec(created.stdout)?.[1]
    expect((await cli(['token', 'revoke', ...node, '--id', id!])).stdout).toBe(`revoked ${id} (pager)\n`)
    const again = await cli(['token', 'revoke', ...node, '--id', id!])
    expect(again.code).toBe(65)
    expect(again.stderr).toContain('already revoked')
  })

  it('verifies the audit chain against its signed checkpoints, and names the first row changed behind its back', async () => {
    const checkpointFile = join(dataDir, 'audit-checkpoints.jsonl')
    const unanchored = await cli(['audit', 'verify', ...node])
    expect(unanchored.code).toBe(65)
    expect(unanchored.stderr).toMatch(
      new RegExp(`^liaison: audit chain intact on its own: \\d+ rows, head [0-9a-f]{64}\n`),
    )
    expect(unanchored.stderr).toContain(
      `  - there is no checkpoint file at ${checkpointFile}, though the chain has`,
    )

    const signed = await cli(['audit', 'checkpoint', ...node])
    expect(signed.code).toBe(0)
    expect(signed.stdout).toMatch(
      /^checkpoint signed: row \d+, hash [0-9a-f]{64}, at \d{4}-\d\d-\d\dT[\d:.]+Z, appended to \S+audit-checkpoints\.jsonl\n$/,
    )
    expect((await cli(['audit', 'checkpoint', ...node])).stdout).toBe(
      'the audit head has not moved since the latest checkpoint: nothing to sign\n',
    )
    const intact = await cli(['audit', 'verify', ...node])
    expect(intact.code).toBe(0)
    expect(intact.stdout).toMatch(
      /^audit chain intact: \d+ rows, head [0-9a-f]{64}\ncheckpoints match: 1 in \S+, signed by [0-9a-f]{64}\n$/,
    )

    const key = await cli(['node', 'key', ...node])
    expect(key.stdout).toMatch(
      /^public key \(Ed25519, base64\): \S{43}=\nfingerprint \(SHA-256\): [0-9a-f]{64}\n$/,
    )
    const publicKey = /base64\): (\S+)/.exec(key.stdout)![1]!
    expect((await cli(['audit', 'verify', ...node, '--public-key', publicKey])).code).toBe(0)
    const otherKey = generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .subarray(-32)
      .toString('base64')
    const withOther = await cli(['audit', 'verify', ...node, '--public-key', otherKey])
    expect(withOther.code).toBe(65)
    expect(withOther.stderr).toContain('is signed by another key')

    const exported = await cli(['audit', 'checkpoints', 'export', ...node])
    expect(exported).toMatchObject({ code: 0, stdout: readFileSync(checkpointFile, 'utf8') })
    expect(exported.stdout.split('\n')).toHaveLength(2)

    const store = await openStore({ engine: 'pglite', dataDir })
    await store.db.updateTable('audit').set({ actor: 'operator:mallory' }).where('seq', '=', 3).execute()
    await store.close()
    const broken = await cli(['audit', 'verify', ...node])
    expect(broken.code).toBe(65)
    expect(broken.stderr).toContain(
      'audit chain BROKEN after 2 good rows: row 3 was changed after it was written',
    )
  }, 300_000)
})

describe('liaison audit verify, after the database was changed behind its back', () => {
  // each test runs five `liaison` processes
  const tamper = async (name: string, change: (db: Store['db']) => Promise<void>) => {
    const dataDir = join(root, name)
    const node = ['--node-id', 'be', '--data-dir', dataDir]
    for (const code of ['p1', 'p2', 'p3'])
      expect(
        (
          await cli([
            'org',
            'add',
            ...node,
            '--code',
            code,
            '--name',
            `Organisation ${code}`,
            '--kind',
            code === 'p1' ? 'centre' : 'partner',
          ])
        ).code,
      ).toBe(0)
    expect((await cli(['audit', 'checkpoint', ...node])).code).toBe(0)
    const at = (JSON.parse(readFileSync(join(dataDir, 'audit-checkpoints.jsonl'), 'utf8')) as { at: string })
      .at
    const store = await openStore({ engine: 'pglite', dataDir })
    await change(store.db)
    await store.close()
    return { result: await cli(['audit', 'verify', ...node]), at, dataDir }
  }

  it('names the rows cut from the end, though the chain alone still verifies', async () => {
    const { result, at } = await tamper('cut', (db) => cutAuditTail(db, 1))
    expect(result.code).toBe(65)
    expect(result.stderr).toContain('audit chain intact on its own: 1 rows')
    expect(result.stderr).toContain(
      `  - the audit ends at row 1 but the checkpoint signed at ${at} (line 1) covers row 3: rows 2..3 were cut\n`,
    )
  }, 180_000)

  it('names a row rewritten with every later hash recomputed', async () => {
    const { result, at } = await tamper('rewrite', (db) => rewriteAuditRow(db, 2, 'operator:mallory'))
    expect(result.code).toBe(65)
    expect(result.stderr).toContain('audit chain intact on its own: 3 rows')
    expect(result.stderr).toContain(
      `  - row 3's hash differs from the checkpoint signed at ${at} (line 1): a row from 1 to 3 was changed and the hashes after it recomputed\n`,
    )
  }, 180_000)

  it('names a checkpoint line that was changed', async () => {
    const { dataDir } = await tamper('forged', async () => {})
    const file = join(dataDir, 'audit-checkpoints.jsonl')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"seq":3', '"seq":2'))
    const result = await cli(['audit', 'verify', '--node-id', 'be', '--data-dir', dataDir])
    expect(result.code).toBe(65)
    expect(result.stderr).toMatch(
      / {2}- the checkpoint at line 1 \(row 2, signed at \S+\) does not verify with the node's public key: the line was changed or forged\n/,
    )
  }, 180_000)
})

describe('liaison demo (refusals)', () => {
  it.each([
    [['demo', '--host', '0.0.0.0'], {}, 'the demo listens on loopback only'],
    [['demo', '--ports', '1,2'], {}, 'must be three ports'],
    [['demo'], { LIAISON_DEMO_PORTS: '8080,8080,8081' }, 'LIAISON_DEMO_PORTS: '],
  ])('refuses %j with exit 64', async (args, env, message) => {
    const result = await cli(args, { env })
    expect(result.code).toBe(64)
    expect(result.stderr).toContain(message)
  })
})
