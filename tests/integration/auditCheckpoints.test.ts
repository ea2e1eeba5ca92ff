import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SignedAuditCheckpoint } from '@liaison/core'
import { checkpointLine, parseCheckpointFile } from '@liaison/core'
import {
  addOrganisation,
  fixedClock,
  sha256Hex,
  verifyAudit,
  verifyAuditChain,
  writeAuditCheckpoint,
} from '@liaison/server'
import { cutAuditTail, rewriteAuditRow } from '../support/auditTampering.ts'
import { testEngines } from '../support/engines.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const

/** The checkpoints in the node's file, in order. */
function checkpointsOf(node: TestNode): SignedAuditCheckpoint[] {
  const parsed = parseCheckpointFile(readFileSync(node.deps.config.audit.checkpointFile, 'utf8'))
  expect(parsed.malformed).toEqual([])
  return parsed.entries.map((e) => e.checkpoint)
}

describe.each(engines.map((e) => [e.name, e] as const))('audit checkpoints on %s', (_name, engine) => {
  let node: TestNode
  const clock = fixedClock(new Date('2026-12-02T01:00:00.000Z'))
  beforeEach(async () => {
    clock.set(new Date('2026-12-02T01:00:00.000Z'))
    node = await startTestNode(engine, { clock })
  })
  afterEach(async () => {
    await node.dispose()
  })

  const add = async (...codes: string[]) => {
    for (const code of codes)
      await addOrganisation(node.deps, {
        organisation: { code, name: `Partner ${code}`, kind: 'partner', country: 'BE' },
        caller: operator,
        source: 'test',
      })
  }
  const checkpointNow = () =>
    writeAuditCheckpoint({
      db: node.deps.store.db,
      nodeId: 'be',
      key: node.deps.signingKey,
      clock,
      file: node.deps.config.audit.checkpointFile,
      witness: { witness: async () => {} },
      log: node.deps.log,
    })
  const verify = () =>
    verifyAudit(node.deps.store.db, sha256Hex, {
      file: node.deps.config.audit.checkpointFile,
      nodeId: 'be',
      key: node.deps.signingKey,
    })

  it('signs a checkpoint of the head at start, which verifies with the public key the node shows', async () => {
    const [first, ...rest] = checkpointsOf(node)
    expect(rest).toEqual([])
    const head = await node.deps.store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()
    expect(first).toMatchObject({
      nodeId: 'be',
      seq: head.seq,
      hash: head.hash,
      at: '2026-12-02T01:00:00.000Z',
      keyFingerprint: node.deps.signingKey.fingerprint,
    })
    const info = (await node.app.inject({ url: '/api/v1/node' })).json<{
      signingKey: { algorithm: string; publicKey: string; fingerprint: string }
    }>()
    expect(info.signingKey).toEqual({
      algorithm: 'Ed25519',
      publicKey: node.deps.signingKey.publicKey,
      fingerprint: node.deps.signingKey.fingerprint,
    })
    expect(Buffer.from(info.signingKey.publicKey, 'base64')).toHaveLength(32)
    expect(await verify()).toMatchObject({ ok: true, checkpoints: { problems: [] } })
  })

  it('detects a cut tail that the chain alone does not see', async () => {
    await add('a1', 'a2', 'a3', 'a4', 'a5')
    const signed = await checkpointNow()
    expect(signed).toMatchObject({ ok: true, value: { seq: 6 } })
    const db = node.deps.store.db
    await cutAuditTail(db, 3)
    // as before: the chain on its own is intact
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({ ok: true, rows: 3 })
    const result = await verify()
    expect(result.ok).toBe(false)
    expect(result.checkpoints.problems).toEqual([
      { kind: 'cut', line: 2, at: '2026-12-02T01:00:00.000Z', seq: 6, chainEnd: 3 },
    ])
    // and the node refuses to sign the shortened chain, even once it has grown past the checkpoint again
    expect(await checkpointNow()).toEqual({ ok: false, error: 'behind' })
    await add('a6', 'a7', 'a8', 'a9')
    expect(await checkpointNow()).toEqual({ ok: false, error: 'forked' })
    expect((await verify()).checkpoints.problems).toEqual([
      { kind: 'row_changed', line: 2, at: '2026-12-02T01:00:00.000Z', seq: 6, sinceSeq: 1 },
    ])
  })

  it('detects a row rewritten with every later hash and the head recomputed', async () => {
    await add('b1', 'b2')
    await checkpointNow() // row 3
    await add('b3', 'b4')
    await checkpointNow() // row 5
    const db = node.deps.store.db
    await rewriteAuditRow(db, 2, 'operator:mallory')
    expect(await verifyAuditChain(db, sha256Hex)).toMatchObject({ ok: true, rows: 5 })
    const result = await verify()
    expect(result.ok).toBe(false)
    expect(result.checkpoints.problems).toEqual([
      { kind: 'row_changed', line: 2, at: '2026-12-02T01:00:00.000Z', seq: 3, sinceSeq: 1 },
      { kind: 'row_changed', line: 3, at: '2026-12-02T01:00:00.000Z', seq: 5, sinceSeq: 1 },
    ])
    expect(await checkpointNow()).toEqual({ ok: false, error: 'forked' })
  })

  it('detects a checkpoint line that was changed, and a checkpoint file that is gone', async () => {
    await add('c1', 'c2')
    await checkpointNow()
    const file = node.deps.config.audit.checkpointFile
    const [first, second] = checkpointsOf(node)
    // move the second checkpoint back to an earlier row, as if to hide rows after it
    writeFileSync(file, checkpointLine(first!) + checkpointLine({ ...second!, seq: 2, hash: first!.hash }))
    expect((await verify()).checkpoints.problems).toEqual([
      { kind: 'bad_signature', line: 2, at: second!.at, seq: 2 },
    ])
    writeFileSync(file, '')
    expect(await verify()).toMatchObject({
      ok: false,
      checkpoints: { found: true, problems: [{ kind: 'no_checkpoints' }] },
    })
    rmSync(file)
    expect(await verify()).toMatchObject({
      ok: false,
      checkpoints: { found: false, problems: [{ kind: 'no_checkpoints' }] },
    })
  })

  it('writes checkpoints on its interval when the head moved, and one at close', async () => {
    await node.dispose()
    node = await startTestNode(engine, { clock, config: { 'audit.checkpointSeconds': 1 } })
    const file = node.deps.config.audit.checkpointFile
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).length
    expect(lines()).toBe(1)
    // nothing moved: the interval writes nothing
    await new Promise((r) => setTimeout(r, 1_300))
    expect(lines()).toBe(1)
    clock.advance(60_000)
    await add('d1')
    await expect.poll(lines, { timeout: 5_000, interval: 100 }).toBe(2)
    expect(checkpointsOf(node)[1]).toMatchObject({ seq: 2, at: '2026-12-02T01:01:00.000Z' })
    clock.advance(60_000)
    await add('d2')
    await node.close()
    expect(checkpointsOf(node).at(-1)).toMatchObject({ seq: 3, at: '2026-12-02T01:02:00.000Z' })
    expect(checkpointsOf(node).map((c) => c.seq)).toEqual([1, 2, 3])
  })
})
