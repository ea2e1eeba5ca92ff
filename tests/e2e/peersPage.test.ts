import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addPeer,
  federationPublicKey,
  findPeer,
  loadSigningKey,
  setPendingPeerKey,
  totpCode,
} from '@liaison/server'
import { browserMissing, launchBrowser } from '../support/browser.ts'
import { fillSignIn } from '../support/demoBrowser.ts'
import { testEngines } from '../support/engines.ts'
import type { FederatedNode } from '../support/federatedNode.ts'
import { federatedNode } from '../support/federatedNode.ts'
import { makeUser } from '../support/identity.ts'
import { repoRoot } from '../support/runCli.ts'
import type { TestNode } from '../support/testNode.ts'

const skip = browserMissing()
const operator = { kind: 'operator', label: 'test' } as const

describe.skipIf(skip)("the administrators' Peers page in a real browser", () => {
  const root = mkdtempSync(join(tmpdir(), 'liaison-peerspage-'))
  let nl: FederatedNode
  let browser: Browser
  beforeAll(async () => {
    // the page is served from the built web application, built now if it is stale
    const built = spawnSync('node', ['scripts/ensureWebBuild.js'], { cwd: repoRoot, stdio: 'inherit' })
    expect(built.status).toBe(0)
    const [engine] = await testEngines()
    nl = await federatedNode(engine!, root, 'nl', 'NL', {
      'http.webDir': join(repoRoot, 'packages/web/dist'),
    })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await nl?.dispose()
    rmSync(root, { recursive: true, force: true })
  })

  it('shows a peer with its key, fingerprint and pending key, and takes the key', async () => {
    const old = (await loadSigningKey(join(root, 'be-old.key'))).key
    const next = (await loadSigningKey(join(root, 'be-next.key'))).key
    await addPeer(nl.node.deps, {
      peer: {
        nodeId: 'be',
        baseUrl: 'http://127.0.0.1:9',
        publicKey: old.publicKey,
        statuses: ['actual'],
        tlp: ['GREEN'],
        distributions: ['federation'],
      },
      caller: operator,
      source: 'test',
    })
    // as the inbox applier keeps an announcement that verified (tests/integration/peerKeys.test.ts)
    await setPendingPeerKey(nl.node.deps.store.db, {
      nodeId: 'be',
      keyId: next.keyId,
      publicKey: federationPublicKey(next),
      previousKeyId: old.keyId,
      rotatedAt: new Date(),
      receivedAt: new Date(),
      announcement: {},
    })
    const admin = await makeUser(nl.node as unknown as TestNode, { roles: ['admin'] })

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    const missing: string[] = []
    page.on('response', (r) => r.status() === 404 && missing.push(new URL(r.url()).pathname))
    await fillSignIn(
      page,
      nl.node.url,
      admin.user.username,
      admin.password,
      totpCode(admin.totpSecret, Date.now()),
    )
    await expect.poll(() => page.getByTestId('user-menu').isVisible()).toBe(true)
    await page.getByRole('link', { name: 'Peers' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Peer nodes')

    const peer = page.locator('[data-peer="be"]')
    await expect.poll(() => peer.getByTestId('peer-key').textContent()).toContain(old.keyId)
    expect(await peer.getByTestId('peer-key').textContent()).toContain(old.fingerprint.slice(0, 4))
    const pending = peer.getByTestId('peer-pending-key')
    expect(await pending.textContent()).toContain(
      `New key ${next.keyId} announced, signed with key ${old.keyId}`,
    )
    expect(await pending.textContent()).toContain(next.fingerprint.match(/.{4}/g)!.slice(0, 3).join(' '))

    await pending.getByRole('button', { name: `Take key ${next.keyId}` }).click()
    await expect
      .poll(() => page.getByTestId('peers-done').textContent())
      .toContain(`BE now signs with key ${next.keyId}`)
    await expect.poll(() => peer.getByTestId('peer-pending-key').count()).toBe(0)
    await expect.poll(() => peer.getByTestId('peer-key').textContent()).toContain(next.keyId)
    const keys = (await findPeer(nl.node.deps.store.db, 'be'))?.keys ?? []
    expect(keys.find((k) => k.retiredAt === null)?.keyId).toBe(next.keyId)
    // a node that is not a demo has no demo accounts for its sign-in page to list: that 404 only
    const demoList = missing.filter((path) => path === '/api/v1/demo/sign-in').length
    expect(missing.length).toBe(demoList)
    expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([])
    expect(errors.length).toBe(demoList)
    await page.close()
  })
})
