import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunningNode } from '@liaison/server'
import { findPeer, listForeignOrganisations, listPeers, startDemoNode } from '@liaison/server'
import { freePorts } from '../support/demoProcess.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'liaison-demo-peers-'))
const running: RunningNode[] = []
afterAll(async () => {
  await Promise.all(running.map((n) => n.close()))
  rmSync(dataDir, { recursive: true, force: true })
})

async function within<T>(ms: number, probe: () => Promise<T | null>): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const found = await probe()
    if (found !== null) return found
    if (Date.now() > until) throw new Error(`not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe("the demo's centres trust one another's keys (trustDemoPeers)", () => {
  it('each centre adds the two others as peers with the key they sign with and their organisations, once, across a restart', async () => {
    const ports = (await freePorts(3)) as [number, number, number]
    const options = {
      host: '127.0.0.1',
      ports,
      dataDir,
      logLevel: 'warn' as const,
      log: pino({ level: 'warn' }),
    }
    // NL and LU start first: BE finds them at once, and they find BE when it comes
    const [nl, lu] = [await startDemoNode(options, 1), await startDemoNode(options, 2)]
    const be = await startDemoNode(options, 0)
    running.push(nl, lu, be)
    const nodes = { be, nl, lu }
    for (const [id, node] of Object.entries(nodes)) {
      const peers = await within(30_000, async () => {
        const list = await listPeers(node.deps.store.db)
        return list.length === 2 ? list : null
      })
      expect(peers.map((p) => p.nodeId).sort()).toEqual(
        Object.keys(nodes)
          .filter((n) => n !== id)
          .sort(),
      )
      for (const peer of peers) {
        const other = nodes[peer.nodeId as keyof typeof nodes]
        const document = (await (await fetch(`${other.url}/federation/v1/node`)).json()) as {
          key: { keyId: string; publicKey: string }
        }
        expect(peer.baseUrl).toBe(other.url)
        expect(peer.keys.map((k) => k.keyId)).toEqual([document.key.keyId])
        expect(peer.statuses).toEqual(['actual', 'exercise', 'test'])
      }
      const foreign = await listForeignOrganisations(node.deps.store.db)
      expect(new Set(foreign.map((o) => o.nodeId))).toEqual(new Set(peers.map((p) => p.nodeId)))
    }

    // BE restarted keeps the peers it trusted first, and adds nobody twice
    running.splice(running.indexOf(be), 1)
    await be.close()
    const again = await startDemoNode(options, 0)
    running.push(again)
    await new Promise((r) => setTimeout(r, 1_500))
    expect((await listPeers(again.deps.store.db)).map((p) => p.nodeId).sort()).toEqual(['lu', 'nl'])
    expect(await findPeer(again.deps.store.db, 'nl')).not.toBeNull()
  }, 240_000)
})
