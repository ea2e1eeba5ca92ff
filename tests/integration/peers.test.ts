import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../packages/cli/src/main.ts'
import type { StoreOptions } from '@liaison/server'
import {
  addOrganisation,
  listOrganisations,
  loadFederationDirectory,
  loadSigningKey,
  openStore,
} from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
const root = mkdtempSync(join(tmpdir(), 'liaison-peers-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs `liaison …` in this process (a child costs ~2 s), as the operator alice. */
async function liaison(args: readonly string[]) {
  let stdout = ''
  let stderr = ''
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        add(chunk.toString('utf8'))
        done()
      },
    })
  const code = await main(
    ['node', 'liaison', ...args],
    { USER: 'alice' },
    {
      out: sink((s) => (stdout += s)),
      err: sink((s) => (stderr += s)),
    },
  )
  return { code, stdout, stderr }
}

describe.each(engines.map((e) => [e.name, e] as const))('liaison peer on %s', (name, engine) => {
  let nl: TestNode
  let be: { options: StoreOptions; dispose(): Promise<void> }
  let flags: string[]
  let nlKey: string
  beforeAll(async () => {
    nl = await startTestNode(engine, {
      listen: true,
      config: { 'node.id': 'nl', 'node.name': 'Nationaal Crisiscentrum', 'node.country': 'NL' },
    })
    await addOrganisation(nl.deps, {
      organisation: { code: 'politie', name: 'Politie', kind: 'partner', country: 'NL' },
      caller: { kind: 'operator', label: 'test' },
      source: 'test',
    })
    nlKey = nl.deps.signingKey.publicKey
    be = await engine.fresh()
    const dir = join(root, name)
    flags = [
      '--node-id',
      'be',
      ...(be.options.engine === 'pglite'
        ? ['--data-dir', be.options.dataDir]
        : ['--database-url', be.options.url]),
      '--key-file',
      join(dir, 'node.key'),
      '--signing-key-file',
      join(dir, 'node-signing.key'),
      '--log-level',
      'warn',
    ]
  })
  afterAll(async () => {
    await nl.dispose()
    await be.dispose()
  })

  const audit = async () => {
    const store = await openStore(be.options)
    try {
      return await store.db
        .selectFrom('audit')
        .select(['action', 'outcome', 'code', 'source', 'target', 'actor'])
        .where('action', 'like', 'peer.%')
        .orderBy('seq')
        .execute()
    } finally {
      await store.close()
    }
  }

  it('adds a peer with its policy, lists it, shows it with its node document checked', async () => {
    expect(await liaison(['peer', 'list', ...flags])).toMatchObject({
      code: 0,
      stdout: 'no peers configured\n',
    })
    const added = await liaison([
      'peer',
      'add',
      ...flags,
      '--id',
      'nl',
      '--url',
      `${nl.url}/`,
      '--public-key',
      nlKey,
      '--statuses',
      'actual',
      '--tlp',
      'GREEN,AMBER',
      '--distributions',
      'case,federation',
    ])
    const keyId = nl.deps.signingKey.keyId
    expect(added).toMatchObject({
      code: 0,
      stdout: `added peer nl at ${nl.url} with key ${keyId}; it may receive statuses actual; TLP GREEN,AMBER; distributions case,federation\n`,
    })
    expect((await liaison(['peer', 'list', ...flags])).stdout).toBe(
      `nl  ${nl.url}  key ${keyId}  statuses actual; TLP GREEN,AMBER; distributions case,federation  0 organisation(s)\n`,
    )
    const json = JSON.parse((await liaison(['peer', 'list', ...flags, '--json'])).stdout) as {
      nodeId: string
      keys: { keyId: string; publicKey: string; retiredAt: string | null }[]
      addedBy: string
    }[]
    expect(json).toMatchObject([
      {
        nodeId: 'nl',
        keys: [{ keyId, publicKey: Buffer.from(nlKey, 'base64').toString('base64url'), retiredAt: null }],
        addedBy: 'operator:alice',
      },
    ])
    const shown = await liaison(['peer', 'show', ...flags, '--id', 'nl'])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain(`key ${keyId} (current): `)
    expect(shown.stdout).toContain('organisations: none received yet')
    expect(shown.stdout).toContain(`checked: the node document at ${nl.url} verifies with key ${keyId}\n`)
  })

  it('refuses, with closed reasons, what is not a valid peer, and audits each refusal', async () => {
    const add = (...extra: string[]) => liaison(['peer', 'add', ...flags, '--url', nl.url, ...extra])
    const again = await add('--id', 'nl', '--public-key', nlKey)
    expect(again).toMatchObject({ code: 65 })
    expect(again.stderr).toContain("a peer 'nl' is already configured")
    expect((await add('--id', 'be', '--public-key', nlKey)).stderr).toContain("'be' is this node's own id")
    expect((await add('--id', 'lu', '--public-key', 'bm90IGEga2V5')).stderr).toContain(
      'not a raw 32-byte Ed25519 key',
    )
    const wrongId = await add('--id', 'lu', '--public-key', nlKey, '--key-id', 'ffffffffffffffff')
    expect(wrongId.stderr).toContain(`the key id of this public key is ${nl.deps.signingKey.keyId}`)
    expect((await add('--id', 'lu', '--public-key', nlKey, '--url', 'ftp://x')).stderr).toContain('url:')
    expect((await add('--id', 'lu', '--public-key', nlKey, '--distributions', 'national')).code).toBe(64)
    expect(await liaison(['peer', 'remove', ...flags, '--id', 'lu'])).toMatchObject({
      code: 66,
      stderr: "liaison: no peer 'lu' is configured\n",
    })
    expect(await liaison(['peer', 'show', ...flags, '--id', 'lu'])).toMatchObject({ code: 66 })
    const rows = await audit()
    expect(rows.map((r) => [r.action, r.outcome, r.code, r.source, r.target])).toEqual([
      ['peer.add', 'ok', null, 'cli', 'nl'],
      ['peer.add', 'refused', 'conflict', 'cli', 'nl'],
      ['peer.add', 'refused', 'conflict', 'cli', 'be'],
      ['peer.add', 'refused', 'validation_failed', 'cli', 'lu'],
      ['peer.add', 'refused', 'validation_failed', 'cli', 'lu'],
      ['peer.add', 'refused', 'validation_failed', 'cli', 'lu'],
      ['peer.remove', 'refused', 'not_found', 'cli', 'lu'],
    ])
    expect(rows.every((r) => r.actor === 'operator:alice')).toBe(true)
  })

  it("shows a problem line when the key does not match what the peer's URL publishes", async () => {
    const other = (await loadSigningKey(join(root, name, 'other.key'))).key
    expect(
      (
        await liaison([
          'peer',
          'add',
          ...flags,
          '--id',
          'nl2',
          '--url',
          nl.url,
          '--public-key',
          other.publicKey,
        ])
      ).code,
    ).toBe(0)
    const shown = await liaison(['peer', 'show', ...flags, '--id', 'nl2'])
    expect(shown.code).toBe(65)
    expect(shown.stdout).toContain(
      `problem: its node document is signed with key ${nl.deps.signingKey.keyId}, which is not a key configured for this peer\n`,
    )
    // the right key, but the URL is another node's
    expect(
      (await liaison(['peer', 'add', ...flags, '--id', 'lu', '--url', nl.url, '--public-key', nlKey])).code,
    ).toBe(0)
    expect((await liaison(['peer', 'show', ...flags, '--id', 'lu'])).stdout).toContain(
      "problem: its URL publishes the node document of node 'nl'\n",
    )
    // not reachable: said, but not a key problem
    expect(
      (
        await liaison([
          'peer',
          'add',
          ...flags,
          '--id',
          'de',
          '--url',
          'http://127.0.0.1:9',
          '--public-key',
          nlKey,
        ])
      ).code,
    ).toBe(0)
    const away = await liaison(['peer', 'show', ...flags, '--id', 'de'])
    expect(away.code).toBe(0)
    expect(away.stdout).toMatch(
      /not checked: its node document could not be fetched: http:\/\/127\.0\.0\.1:9\/federation\/v1\/node/,
    )
    // a stored key spoilt behind the node's back (the store has no say on it)
    const spoilt = await openStore(be.options)
    try {
      await spoilt.db
        .updateTable('peer_keys')
        .set({ public_key: 'abc' })
        .where('peer_node_id', '=', 'de')
        .execute()
    } finally {
      await spoilt.close()
    }
    const bad = await liaison(['peer', 'show', ...flags, '--id', 'de'])
    expect(bad.code).toBe(65)
    expect(bad.stdout).toContain(
      `problem: key ${nl.deps.signingKey.keyId} is malformed (not a 32-byte Ed25519 key)\n`,
    )
    for (const id of ['nl2', 'lu', 'de'])
      expect((await liaison(['peer', 'remove', ...flags, '--id', id])).code).toBe(0)
  })

  it("imports a peer's organisations from its verified node document, and forgets them on removal", async () => {
    expect(await liaison(['peer', 'remove', ...flags, '--id', 'nl'])).toMatchObject({
      code: 0,
      stdout: 'removed peer nl\n',
    })
    const other = (await loadSigningKey(join(root, name, 'other.key'))).key
    const refused = await liaison([
      'peer',
      'add',
      ...flags,
      '--id',
      'nl',
      '--from-url',
      nl.url,
      '--public-key',
      other.publicKey,
    ])
    expect(refused.code).toBe(65)
    expect(refused.stderr).toContain('not added: its node document is signed with key')
    expect((await liaison(['peer', 'list', ...flags])).stdout).toBe('no peers configured\n')

    // a document whose organisation id is one of this node's is refused: ids name one organisation
    const politie = (await listOrganisations(nl.deps.store.db, 'nl')).find((o) => o.code === 'politie')
    if (!politie) throw new Error('no politie')
    const clashing = await openStore(be.options)
    try {
      await clashing.db
        .insertInto('organisations')
        .values({
          id: politie.id,
          node_id: 'be',
          code: 'clash',
          name: 'Clash',
          kind: 'partner',
          country: 'BE',
          parent_id: null,
          created_at: new Date(),
          grantable_roles: null,
        })
        .execute()
    } finally {
      await clashing.close()
    }
    const clash = await liaison([
      'peer',
      'add',
      ...flags,
      '--id',
      'nl',
      '--from-url',
      nl.url,
      '--public-key',
      nlKey,
    ])
    expect(clash.code).toBe(65)
    expect(clash.stderr).toContain(`lists organisation ids that name other organisations (${politie.id})`)
    const cleaned = await openStore(be.options)
    try {
      await cleaned.db.deleteFrom('organisations').where('id', '=', politie.id).execute()
    } finally {
      await cleaned.close()
    }

    const imported = await liaison([
      'peer',
      'add',
      ...flags,
      '--id',
      'nl',
      '--from-url',
      nl.url,
      '--public-key',
      nlKey,
    ])
    expect(imported).toMatchObject({ code: 0 })
    expect(imported.stdout).toContain('its node document verifies; kept 2 organisation(s)\n')
    const shown = await liaison(['peer', 'show', ...flags, '--id', 'nl'])
    expect(shown.stdout).toContain(
      'organisations: 2\n  centre  centre  NL  nl  Nationaal Crisiscentrum (version 1)\n  politie  partner  NL  nl  Politie (version 1)\n',
    )

    // the federation directory (admission, explain) now knows the peer and its organisations
    const store = await openStore(be.options)
    try {
      const dir = await loadFederationDirectory(store.db, 'be', { distributions: [{ kind: 'federation' }] })
      expect(dir.peers).toEqual([
        {
          nodeId: 'nl',
          statuses: ['actual', 'exercise'],
          tlp: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'],
          distributions: ['case', 'neighbours', 'federation', 'group'],
        },
      ])
      expect(
        dir.organisations.filter((o) => o.nodeId === 'nl').map((o) => [o.code, o.kind, o.country]),
      ).toEqual([
        ['centre', 'centre', 'NL'],
        ['politie', 'partner', 'NL'],
      ])
    } finally {
      await store.close()
    }

    expect((await liaison(['peer', 'remove', ...flags, '--id', 'nl'])).code).toBe(0)
    const after = await openStore(be.options)
    try {
      expect(await after.db.selectFrom('foreign_organisations').selectAll().execute()).toEqual([])
      expect(await after.db.selectFrom('peer_keys').selectAll().execute()).toEqual([])
    } finally {
      await after.close()
    }
    const last = (await audit()).slice(-4).map((r) => [r.action, r.outcome, r.code])
    expect(last).toEqual([
      ['peer.add', 'refused', 'conflict'],
      ['peer.add', 'refused', 'conflict'],
      ['peer.add', 'ok', null],
      ['peer.remove', 'ok', null],
    ])
  })
  it('rotates the node key and takes a peer key at the command line, refusing what it must', async () => {
    // no key yet: nothing to rotate
    const none = await liaison([
      'node',
      'rotate-key',
      ...flags,
      '--signing-key-file',
      join(root, `${name}-none.key`),
    ])
    expect(none.code).toBe(65)
    expect(none.stderr).toContain('there is no signing key at')

    const before = (await liaison(['node', 'key', ...flags])).stdout
    const rotated = await liaison(['node', 'rotate-key', ...flags])
    expect(rotated.code).toBe(0)
    const [, oldKeyId, newKeyId] =
      /rotated: key ([0-9a-f]{16}) retired, key ([0-9a-f]{16}) current/.exec(rotated.stdout) ?? []
    expect(newKeyId).not.toBe(oldKeyId)
    // the key file now holds the new key, whose fingerprint starts with its id
    const after = (await liaison(['node', 'key', ...flags])).stdout
    expect(after).not.toBe(before)
    expect(after).toContain(`fingerprint (SHA-256): ${newKeyId}`)
    const store = await openStore(be.options)
    try {
      const keys = await store.db.selectFrom('node_keys').select(['key_id', 'retired_at']).execute()
      expect(keys.find((k) => k.key_id === newKeyId)?.retired_at).toBeNull()
      expect(keys.find((k) => k.key_id === oldKeyId)?.retired_at).toBeInstanceOf(Date)
    } finally {
      await store.close()
    }

    // take-key: an unknown peer; a peer that announced nothing; a key given out of band
    expect((await liaison(['peer', 'take-key', ...flags, '--id', 'lu'])).code).toBe(66)
    await liaison(['peer', 'add', ...flags, '--id', 'nl', '--url', nl.url, '--public-key', nlKey])
    const nothing = await liaison(['peer', 'take-key', ...flags, '--id', 'nl'])
    expect(nothing.code).toBe(65)
    expect(nothing.stderr).toContain("peer 'nl' has announced no new key")
    const other = (await loadSigningKey(join(root, `${name}-nl-next.key`))).key
    const malformed = await liaison(['peer', 'take-key', ...flags, '--id', 'nl', '--public-key', 'AAAA'])
    expect(malformed.code).toBe(65)
    expect(malformed.stderr).toContain('not a raw 32-byte Ed25519 key')
    const taken = await liaison([
      'peer',
      'take-key',
      ...flags,
      '--id',
      'nl',
      '--public-key',
      other.publicKey,
      '--key-id',
      other.keyId,
    ])
    expect(taken).toMatchObject({ code: 0 })
    expect(taken.stdout).toContain(
      `peer nl: key ${other.keyId} current, key ${nl.deps.signingKey.keyId} retired`,
    )
    const shown = await liaison(['peer', 'show', ...flags, '--id', 'nl', '--json'])
    const json = JSON.parse(shown.stdout) as {
      keys: { keyId: string; retiredAt: string | null }[]
      pendingKey: unknown
    }
    expect(json.keys.map((k) => [k.keyId, k.retiredAt === null])).toEqual([
      [other.keyId, true],
      [nl.deps.signingKey.keyId, false],
    ])
    expect(json.pendingKey).toBeNull()
    const last = (await audit()).slice(-4).map((r) => [r.action, r.outcome])
    expect(last).toContainEqual(['peer.take-key', 'ok'])
    expect(last).toContainEqual(['peer.take-key', 'refused'])
    await liaison(['peer', 'remove', ...flags, '--id', 'nl'])
  })
})
