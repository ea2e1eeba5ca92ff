import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fromBase64url, signEvent, verifyEvent } from '@liaison/core'
import type { NodeDocument } from '@liaison/server'
import {
  addOrganisation,
  checkNodeDocument,
  fetchNodeDocument,
  maxNodeDocumentBytes,
  federationPublicKey,
  loadSigningKey,
  nodeSigningCrypto,
  recordNodeKey,
} from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const
const keysDir = mkdtempSync(join(tmpdir(), 'liaison-fednode-'))
afterAll(() => rmSync(keysDir, { recursive: true, force: true }))
const verifier = nodeSigningCrypto(null)

describe.each(engines.map((e) => [e.name, e] as const))('the signed node document on %s', (_name, engine) => {
  let node: TestNode
  beforeEach(async () => {
    node = await startTestNode(engine)
    await addOrganisation(node.deps, {
      organisation: { code: 'police-federale', name: 'Police fédérale', kind: 'partner', country: 'BE' },
      caller: operator,
      source: 'test',
    })
  })
  afterEach(async () => {
    await node.dispose()
  })

  const fetchDocument = async () => {
    const res = await node.app.inject({ method: 'GET', url: '/federation/v1/node' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    return res.json<NodeDocument>()
  }

  it('is anonymous, names the node, its key and organisations, and verifies with the key /api/v1/node shows', async () => {
    const doc = await fetchDocument()
    const key = node.deps.signingKey
    expect(doc).toMatchObject({
      kind: 'node.document',
      protocol: 1,
      nodeId: 'be',
      name: 'Centre de crise national (NCCN)',
      key: {
        keyId: key.fingerprint.slice(0, 16),
        publicKey: Buffer.from(key.publicKey, 'base64').toString('base64url'),
      },
      retiredKeys: [],
      sig: { keyId: key.keyId, alg: 'ed25519' },
    })
    expect(doc.organisations.map((o) => [o.code, o.kind, o.country, o.languages, o.version])).toEqual([
      ['centre', 'centre', 'BE', ['fr', 'nl', 'de'], 1],
      ['police-federale', 'partner', 'BE', ['fr', 'nl', 'de'], 1],
    ])
    // what a peer does: it knows the node's key from its operator (GET /api/v1/node, `liaison node key`)
    const info = (await node.app.inject({ method: 'GET', url: '/api/v1/node' })).json<{
      signingKey: { publicKey: string }
    }>()
    const raw = new Uint8Array(Buffer.from(info.signingKey.publicKey, 'base64'))
    const lookup = (keyId: string) => (keyId === doc.key.keyId ? raw : null)
    expect(await verifyEvent(doc, lookup, verifier)).toMatchObject({ ok: true })
    // after a trip through JSON with keys in another order, still
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(doc).reverse()))) as unknown
    expect(await verifyEvent(reordered, lookup, verifier)).toMatchObject({ ok: true })
  })

  it('refuses a tampered copy, and one signed by a key the peer was not given', async () => {
    const doc = await fetchDocument()
    const raw = fromBase64url(doc.key.publicKey)
    const lookup = (keyId: string) => (keyId === doc.key.keyId ? raw : null)
    const renamed = {
      ...doc,
      organisations: doc.organisations.map((o, i) => (i === 0 ? { ...o, name: 'NCCN (faux)' } : o)),
    }
    expect(await verifyEvent(renamed, lookup, verifier)).toEqual({ ok: false, error: 'bad_signature' })
    const otherKey = {
      ...doc,
      key: {
        ...doc.key,
        publicKey: federationPublicKey((await loadSigningKey(join(keysDir, `x-${engine.name}.key`))).key),
      },
    }
    expect(await verifyEvent(otherKey, lookup, verifier)).toEqual({ ok: false, error: 'bad_signature' })
    const keys = new Map([[doc.key.keyId, doc.key.publicKey]])
    expect(await checkNodeDocument(doc, { nodeId: 'be', keys }, verifier)).toMatchObject({ ok: true })
    expect(await checkNodeDocument(renamed, { nodeId: 'be', keys }, verifier)).toEqual({
      ok: false,
      error: { problem: 'bad_signature' },
    })
    expect(await checkNodeDocument(doc, { nodeId: 'nl', keys }, verifier)).toEqual({
      ok: false,
      error: { problem: 'wrong_node', nodeId: 'be' },
    })
    expect(await checkNodeDocument(doc, { nodeId: 'be', keys: new Map() }, verifier)).toEqual({
      ok: false,
      error: { problem: 'unknown_key', keyId: doc.key.keyId },
    })
    expect(await checkNodeDocument({ ...doc, extra: 1 }, { nodeId: 'be', keys }, verifier)).toMatchObject({
      ok: false,
      error: { problem: 'malformed' },
    })
  })

  it('lists a retired key after a rotation, so what it signed still verifies', async () => {
    const old = (await loadSigningKey(join(keysDir, `old-${engine.name}.key`))).key
    const signedBefore = await signEvent(
      { id: 'e1', origin: 'be', kind: 'case.opened' },
      { keyId: old.keyId, crypto: nodeSigningCrypto(old) },
    )
    const db = node.deps.store.db
    const current = {
      keyId: node.deps.signingKey.keyId,
      publicKey: federationPublicKey(node.deps.signingKey),
    }
    // as if the node had signed with `old` until yesterday, then started with its current key
    await db.deleteFrom('node_keys').execute()
    expect(
      await recordNodeKey(
        db,
        { keyId: old.keyId, publicKey: federationPublicKey(old) },
        new Date('2026-12-01T00:00:00Z'),
      ),
    ).toEqual({ changed: true })
    expect(await recordNodeKey(db, current, new Date('2026-12-02T00:00:00Z'))).toEqual({ changed: true })
    expect(await recordNodeKey(db, current, new Date('2026-12-03T00:00:00Z'))).toEqual({ changed: false })
    const doc = await fetchDocument()
    expect(doc.key.keyId).toBe(current.keyId)
    expect(doc.retiredKeys).toEqual([
      { keyId: old.keyId, publicKey: federationPublicKey(old), retiredAt: '2026-12-02T00:00:00.000Z' },
    ])
    const keys = new Map([doc.key, ...doc.retiredKeys].map((k) => [k.keyId, fromBase64url(k.publicKey)]))
    expect(await verifyEvent(signedBefore, (id) => keys.get(id) ?? null, verifier)).toMatchObject({
      ok: true,
    })
    expect(await verifyEvent(doc, (id) => keys.get(id) ?? null, verifier)).toMatchObject({ ok: true })
  })
})

describe("fetching a peer's node document", () => {
  it('refuses an answer larger than a node document without reading it all', async () => {
    let written = 0
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const more = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      res.on('close', () => res.destroy())
      more()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const fetched = await fetchNodeDocument(`http://127.0.0.1:${port}`, { timeoutMs: 10_000 })
      expect(fetched).toMatchObject({ ok: false, error: { problem: 'malformed' } })
      expect(JSON.stringify(fetched)).toContain(`more than ${maxNodeDocumentBytes / 1024} KiB`)
      expect(written).toBeLessThan(16 * 1024 * 1024)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
