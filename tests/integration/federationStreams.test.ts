import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StreamEntry } from '@liaison/core'
import { appendToStream, emptyStreamHead, fromBase64url, signEvent, verifyEvent } from '@liaison/core'
import type { NodeSigningKey, RunningNode } from '@liaison/server'
import {
  federationHttp,
  listInbox,
  loadSigningKey,
  nodeSigningCrypto,
  outboxAfter,
  peerStatuses,
  recordPushAnswered,
  recordPushFailed,
  signFederationRequest,
} from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestEngine } from '../support/engines.ts'
import type { FederatedNode } from '../support/federatedNodes.ts'
import { federatedNode, trustPeer, waitFor, writeLogEntries } from '../support/federatedNodes.ts'
import { makeTestCertificate } from '../support/testCertificate.ts'

const engines = await testEngines()
const root = mkdtempSync(join(tmpdir(), 'liaison-fedstream-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const verifier = nodeSigningCrypto(null)

const runningNode = (
  engine: TestEngine,
  id: string,
  country: string,
  extra: Record<string, string | number | boolean> = {},
) => federatedNode(engine, root, id, country, extra)

/** `a` trusts `b` as a peer: its URL, key, policy and (from its node document) organisations. */
const trust = (a: RunningNode, b: RunningNode, url = b.url) =>
  trustPeer(
    a,
    b,
    {
      statuses: ['actual', 'exercise'],
      tlp: ['GREEN', 'AMBER'],
      distributions: ['federation', 'neighbours'],
    },
    url,
  )
const writeEntries = writeLogEntries

const inboxOf = (node: RunningNode, peer: string) => listInbox(node.deps.store.db, peer)
const subjects = async (node: RunningNode, peer: string) =>
  (await inboxOf(node, peer)).map((e) => e.event['subject'] as string)

/** A signed request to `node`'s stream route, as a peer would send it (or a forger). */
async function post(node: RunningNode, body: unknown, key: NodeSigningKey) {
  const url = `${node.url}/federation/v1/stream`
  const bytes = Buffer.from(JSON.stringify(body))
  const headers = await signFederationRequest({ method: 'POST', url, body: bytes }, key, new Date())
  const res = await federationHttp({ method: 'POST', url, headers, body: bytes, timeoutMs: 5000 })
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> }
}

describe.each(engines.map((e) => [e.name, e] as const))(
  'per-peer federation streams on %s',
  (_name, engine) => {
    let be: FederatedNode
    let nl: FederatedNode
    beforeEach(async () => {
      be = await runningNode(engine, 'be', 'BE', { 'federation.parkAfter': 1 })
      nl = await runningNode(engine, 'nl', 'NL')
      await trust(be.node, nl.node)
      await trust(nl.node, be.node)
    })
    afterEach(async () => {
      await be.dispose()
      await nl.dispose()
    })

    it("pushes what admits NL into NL's inbox, signed by BE, and nothing that does not", async () => {
      const [shared] = await writeEntries(be.node, 1, { kind: 'federation' })
      const [national] = await writeEntries(be.node, 1, { kind: 'national' })
      // a TLP NL's policy does not take
      const [strict] = await writeEntries(be.node, 1, { kind: 'federation' }, 'AMBER+STRICT')
      const [after] = await writeEntries(be.node, 1, { kind: 'neighbours', nodes: ['nl'] })
      await waitFor(async () => (await inboxOf(nl.node, 'be')).length >= 2)
      expect(await subjects(nl.node, 'be')).toEqual([shared, after])
      // never in NL's stream on BE either
      const stream = await outboxAfter(be.node.deps.store.db, 'nl', 0, 100)
      expect(stream.map((e) => e.event['subject'])).toEqual([shared, after])
      expect(stream.map((e) => e.event['subject'])).not.toContain(national)
      expect(stream.map((e) => e.event['subject'])).not.toContain(strict)
      const [first] = await inboxOf(nl.node, 'be')
      const beKey = fromBase64url(
        Buffer.from(be.node.deps.signingKey.publicKey, 'base64').toString('base64url'),
      )
      expect(
        await verifyEvent(
          first?.event,
          (k) => (k === be.node.deps.signingKey.keyId ? beKey : null),
          verifier,
        ),
      ).toMatchObject({ ok: true })
      expect(first?.event).toMatchObject({ origin: 'be', kind: 'log-entry.appended', tlp: 'GREEN' })
      expect(first?.event).not.toHaveProperty('audience')
      // partner status on both sides
      await waitFor(async () => (await peerStatuses(be.node.deps.store.db))[0]?.outbound.waiting === 0)
      const metrics = await (await fetch(`${be.node.url}/metrics`)).text()
      expect(metrics).toMatch(/liaison_federation_peer_waiting\{[^}]*peer="nl"[^}]*\} 0/)
      expect(metrics).toMatch(/liaison_federation_peer_reachable\{[^}]*peer="nl"[^}]*\} 1/)
      const [status] = await peerStatuses(be.node.deps.store.db)
      expect(status).toMatchObject({
        nodeId: 'nl',
        reachable: true,
        protocol: 1,
        outbound: { head: 2, acknowledged: 2, waiting: 0, oldestUnacknowledgedAt: null },
        parkedSince: null,
        firstError: null,
      })
      expect((await peerStatuses(nl.node.deps.store.db))[0]?.inbound.received).toBe(2)
      // BE restarted: its outbox processor resumes from its cursor, appending nothing twice
      await be.node.close()
      await be.start()
      const [later] = await writeEntries(be.node, 1, { kind: 'federation' })
      await waitFor(async () => (await inboxOf(nl.node, 'be')).length >= 3)
      expect(
        (await outboxAfter(be.node.deps.store.db, 'nl', 0, 100)).map((e) => [e.seq, e.event['subject']]),
      ).toEqual([
        [1, shared],
        [2, after],
        [3, later],
      ])
      expect(await subjects(nl.node, 'be')).toEqual([shared, after, later])
    })

    it('delivers 300 entries written while NL is stopped, once each and in order, when NL is back', async () => {
      await nl.node.close()
      const ids = await writeEntries(be.node, 300, { kind: 'federation' })
      await waitFor(async () => ((await peerStatuses(be.node.deps.store.db))[0]?.attempts ?? 0) >= 1)
      const [down] = await peerStatuses(be.node.deps.store.db)
      expect(down).toMatchObject({ reachable: false, outbound: { head: 300, acknowledged: 0, waiting: 300 } })
      // parked from the first failure (federation.parkAfter 1), and still retried
      expect(down?.parkedSince).toBeInstanceOf(Date)
      expect(down?.nextAttemptAt).toBeInstanceOf(Date)
      expect(down?.firstError?.message).toBeTruthy()
      expect(down?.outbound.oldestUnacknowledgedAt).toBeInstanceOf(Date)
      await nl.start()
      await waitFor(async () => (await inboxOf(nl.node, 'be')).length >= 300, 20_000)
      const inbox = await inboxOf(nl.node, 'be')
      expect(inbox.map((e) => e.seq)).toEqual(ids.map((_, i) => i + 1))
      expect(inbox.map((e) => e.event['subject'])).toEqual(ids)
      await waitFor(async () => (await peerStatuses(be.node.deps.store.db))[0]?.outbound.waiting === 0)
      expect((await peerStatuses(be.node.deps.store.db))[0]).toMatchObject({
        reachable: true,
        parkedSince: null,
        firstError: null,
        attempts: 0,
      })
    })

    it('refuses a forged request, a tampered entry, a replayed and a reordered batch, and an unknown peer, changing nothing', async () => {
      const beKey = be.node.deps.signingKey
      const crypto = nodeSigningCrypto(beKey)
      const event = (n: number) =>
        signEvent(
          {
            id: `x${n}`,
            origin: 'be',
            kind: 'log-entry.appended',
            status: 'actual',
            tlp: 'GREEN',
            distribution: { kind: 'federation' },
            body: { n },
          },
          { keyId: beKey.keyId, crypto },
        )
      const { entries } = await appendToStream(
        emptyStreamHead,
        [await event(1), await event(2), await event(3)],
        crypto,
      )
      const plain = (list: readonly StreamEntry[]) =>
        list.map(({ seq, prev, event }) => ({ seq, prev, event }))
      const batch = (list: readonly StreamEntry[]) => ({
        protocol: 1,
        from: 'be',
        to: 'nl',
        entries: plain(list),
      })
      const audit = () =>
        nl.node.deps.store.db
          .selectFrom('audit')
          .select(['action', 'outcome', 'code', 'details'])
          // the receive's refusals (the inbox applier audits its batches as federation.apply)
          .where('action', '=', 'federation.receive')
          .orderBy('seq')
          .execute()

      // a key no peer has
      const stranger = (await loadSigningKey(join(root, `stranger-${engine.name}.key`))).key
      const forged = await post(nl.node, batch(entries), stranger)
      expect(forged).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthenticated', reason: 'unknown_peer' } },
      })
      // unsigned
      const unsigned = await fetch(`${nl.node.url}/federation/v1/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch(entries)),
      })
      expect(unsigned.status).toBe(401)
      expect(await inboxOf(nl.node, 'be')).toEqual([])

      // a tampered entry: the chain holds, the origin's signature does not
      const e1 = entries[0]!
      const tampered = { ...e1, event: { ...e1.event, body: { n: 99 } } }
      expect((await post(nl.node, batch([tampered]), beKey)).body).toMatchObject({
        accepted: 0,
        head: { seq: 0 },
        refusal: { reason: 'bad_signature', seq: 1 },
      })
      // a reordered batch
      expect((await post(nl.node, batch([entries[1]!, entries[0]!]), beKey)).body).toMatchObject({
        accepted: 0,
        refusal: { reason: 'stream_gap', seq: 2 },
      })
      expect(await inboxOf(nl.node, 'be')).toEqual([])
      // the real thing, then sent again: replayed, nothing doubled
      expect((await post(nl.node, batch(entries), beKey)).body).toMatchObject({
        accepted: 3,
        replayed: 0,
        refusal: null,
      })
      expect((await post(nl.node, batch(entries), beKey)).body).toMatchObject({
        accepted: 0,
        replayed: 3,
        head: { seq: 3, hash: entries[2]!.hash },
        refusal: null,
      })
      // a replayed batch with one entry changed under its seq
      const other = { ...entries[1]!, event: await event(7) }
      expect((await post(nl.node, batch([other]), beKey)).body).toMatchObject({
        refusal: { reason: 'broken_chain', seq: 2 },
      })
      expect((await inboxOf(nl.node, 'be')).map((e) => e.seq)).toEqual([1, 2, 3])

      const rows = await audit()
      expect(
        rows.map((r) => [
          r.action,
          r.outcome,
          (r.details as { refusal?: string; problem?: string }).refusal ??
            (r.details as { problem?: string }).problem,
        ]),
      ).toEqual([
        ['federation.receive', 'refused', 'unknown_key'],
        ['federation.receive', 'refused', 'unsigned'],
        ['federation.receive', 'refused', 'bad_signature'],
        ['federation.receive', 'refused', 'stream_gap'],
        ['federation.receive', 'refused', 'broken_chain'],
      ])

      // a pull answers the caller's own stream only
      const url = `${be.node.url}/federation/v1/stream?after=0`
      const pulled = await federationHttp({
        method: 'GET',
        url,
        headers: await signFederationRequest({ method: 'GET', url }, nl.node.deps.signingKey, new Date()),
        timeoutMs: 5000,
      })
      expect(pulled.status).toBe(200)
      expect(JSON.parse(pulled.text)).toMatchObject({ from: 'be', to: 'nl', entries: [] })
      const stale = await federationHttp({
        method: 'GET',
        url,
        headers: await signFederationRequest(
          { method: 'GET', url },
          nl.node.deps.signingKey,
          new Date(Date.now() - 6 * 60_000),
        ),
        timeoutMs: 5000,
      })
      expect(stale.status).toBe(401)
      expect(JSON.parse(stale.text)).toMatchObject({ error: { reason: 'request_signature_invalid' } })
    })

    it('keeps a peer that came back in contact when a push that began before it did fails afterwards', async () => {
      const db = be.node.deps.store.db
      // one entry delivered: the peer's state exists, in contact
      await writeEntries(be.node, 1, { kind: 'federation' })
      await waitFor(async () => (await inboxOf(nl.node, 'be')).length === 1)
      await waitFor(async () => (await peerStatuses(db))[0]?.outbound.waiting === 0)
      const now = Date.now() + 1_000
      const failure = (startedAt: number) => ({
        error: 'connect ECONNREFUSED',
        at: new Date(startedAt + 5),
        startedAt: new Date(startedAt),
        nextAttemptAt: new Date(startedAt + 1_000),
        attempts: 1,
        parked: true,
      })
      // NL pulled (it is back) while a push begun before that was still failing
      await recordPushAnswered(db, 'nl', { acked: 0, protocol: 1, at: new Date(now) })
      await recordPushFailed(db, 'nl', failure(now - 1_000))
      expect((await peerStatuses(db))[0]).toMatchObject({ attempts: 0, parkedSince: null, firstError: null })
      // a push begun after the last contact that fails is a failure
      await recordPushFailed(db, 'nl', failure(now + 1))
      expect((await peerStatuses(db))[0]).toMatchObject({
        attempts: 1,
        firstError: { message: 'connect ECONNREFUSED' },
      })
      await recordPushAnswered(db, 'nl', { acked: 0, protocol: 1, at: new Date(now + 10) })
    })
  },
)

describe.each(engines.slice(0, 1).map((e) => [e.name, e] as const))(
  'the push over TLS on %s',
  (_name, engine) => {
    it('delivers through an https front with a certificate made for the test', async () => {
      const dir = mkdtempSync(join(root, 'tls-'))
      const { cert } = makeTestCertificate(dir)
      const nl = await runningNode(engine, 'nl', 'NL', { 'http.trustProxy': true })
      const be = await runningNode(engine, 'be', 'BE', { 'federation.caFile': join(dir, 'cert.pem') })
      // the https front: forwards to NL's plain listener, saying the request came over https
      const target = new URL(nl.node.url)
      const front = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
        const forward = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, 'x-forwarded-proto': 'https' },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(res)
          },
        )
        req.pipe(forward)
      })
      await new Promise<void>((r) => front.listen(0, '127.0.0.1', r))
      const frontUrl = `https://127.0.0.1:${(front.address() as AddressInfo).port}`
      try {
        await trust(be.node, nl.node, frontUrl)
        await trust(nl.node, be.node)
        const ids = await writeEntries(be.node, 3, { kind: 'federation' })
        await waitFor(async () => (await inboxOf(nl.node, 'be')).length >= 3)
        expect(await subjects(nl.node, 'be')).toEqual(ids)
        await waitFor(async () => (await peerStatuses(be.node.deps.store.db))[0]?.outbound.waiting === 0)
        expect((await peerStatuses(be.node.deps.store.db))[0]).toMatchObject({
          reachable: true,
          baseUrl: frontUrl,
          outbound: { acknowledged: 3 },
        })
      } finally {
        front.close()
        await be.dispose()
        await nl.dispose()
        rmSync(dir, { recursive: true, force: true })
      }
    })
  },
)
