import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StreamEntry, StreamHead } from '@liaison/core'
import { appendToStream, emptyStreamHead, signEvent } from '@liaison/core'
import type { NodeSigningKey, RunningNode } from '@liaison/server'
import {
  addOrganisation,
  addPeer,
  federationHttp,
  federationPublicKey,
  findPeer,
  inboxOutcomes,
  listForeignOrganisations,
  listInbox,
  listPendingPeerKeys,
  loadSigningKey,
  nodeSigningCrypto,
  rotateNodeKey,
  signFederationRequest,
  takePeerKey,
} from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import type { FederatedNode } from '../support/federatedNode.ts'
import { federatedNode, trustPeer, waitUntil, writeCentreEntries } from '../support/federatedNode.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const
const root = mkdtempSync(join(tmpdir(), 'liaison-peerkeys-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let keys = 0
const newKey = async () => (await loadSigningKey(join(root, `key-${++keys}.key`))).key

const currentKeyOf = async (node: RunningNode, peer: string) =>
  (await findPeer(node.deps.store.db, peer))?.keys.find((k) => k.retiredAt === null)?.keyId
const inboxOf = (node: RunningNode, peer: string) => listInbox(node.deps.store.db, peer)

describe.each(engines.map((e) => [e.name, e] as const))(
  'peer keys and organisations on %s',
  (_name, engine) => {
    describe('two running nodes', () => {
      let be: FederatedNode
      let nl: FederatedNode
      beforeEach(async () => {
        be = await federatedNode(engine, root, 'be', 'BE')
        nl = await federatedNode(engine, root, 'nl', 'NL')
        // neither policy takes TLP:CLEAR: a node's items about itself go whatever the policy
        await trustPeer(be.node, nl.node, { distributions: ['case', 'federation', 'neighbours'] })
        await trustPeer(nl.node, be.node, { distributions: ['case', 'federation', 'neighbours'] })
      })
      afterEach(async () => {
        await be.dispose()
        await nl.dispose()
      })

      it('announces a rotated key signed with the old one; NL keeps it pending until taken, then takes what BE signs with it', async () => {
        const [before] = await writeCentreEntries(
          be.node,
          Array.from({ length: 1 }, (_, i) => `entry ${i}`),
          { kind: 'federation' },
        )
        await waitUntil(async () => (await inboxOf(nl.node, 'be')).length === 1)
        const old = be.node.deps.signingKey
        const next = await newKey()

        const rotated = await rotateNodeKey(be.node.deps, {
          previous: old,
          next,
          caller: operator,
          source: 'test',
        })
        expect(rotated.peers).toBe(1)
        expect(rotated.announcement).toMatchObject({
          keyId: next.keyId,
          previousKeyId: old.keyId,
          sig: { keyId: old.keyId },
        })

        // NL records it pending, and still takes only the old key
        await waitUntil(async () => (await listPendingPeerKeys(nl.node.deps.store.db, 'be')).length === 1)
        const [pending] = await listPendingPeerKeys(nl.node.deps.store.db, 'be')
        expect(pending).toMatchObject({
          keyId: next.keyId,
          publicKey: federationPublicKey(next),
          previousKeyId: old.keyId,
        })
        expect(await currentKeyOf(nl.node, 'be')).toBe(old.keyId)
        const audited = await nl.node.deps.store.db
          .selectFrom('audit')
          .select('details')
          .where('action', '=', 'federation.apply')
          .orderBy('seq', 'desc')
          .execute()
        expect(audited.some((r) => (r.details as { pendingKey?: string }).pendingKey === next.keyId)).toBe(
          true,
        )

        // the administrators' page reads it from partner status, with the fingerprints to compare
        const admin = await signedInAs(nl.node as unknown as TestNode, ['admin'])
        const status = await nl.node.app.inject({ url: '/api/v1/federation/peers', headers: admin.headers() })
        expect(status.statusCode).toBe(200)
        const [shown] = status.json<{ items: Record<string, unknown>[] }>().items
        expect(shown).toMatchObject({
          nodeId: 'be',
          key: { keyId: old.keyId, fingerprint: old.fingerprint },
          pendingKey: { keyId: next.keyId, fingerprint: next.fingerprint, previousKeyId: old.keyId },
          organisations: [{ code: 'centre', kind: 'centre', country: 'BE' }],
        })
        const takeKey = (keyId: unknown, session = admin) =>
          nl.node.app.inject({
            method: 'POST',
            url: '/api/v1/federation/peers/be/take-key',
            headers: session.headers(),
            payload: { keyId },
          })
        // a duty officer reads partner status but does not take keys
        const duty = await signedInAs(nl.node as unknown as TestNode, ['duty-officer'])
        expect((await takeKey(next.keyId, duty)).statusCode).toBe(403)
        // a key id that is not the announced key's is refused, naming the field, and changes nothing
        const wrong = await takeKey(old.keyId)
        expect(wrong.statusCode).toBe(400)
        expect(wrong.json()).toMatchObject({ error: { reason: 'peer_key_id_mismatch' } })
        expect((await takeKey('not a key id')).statusCode).toBe(400)
        expect(await currentKeyOf(nl.node, 'be')).toBe(old.keyId)

        const taken = await takeKey(next.keyId)
        expect(taken.statusCode).toBe(200)
        expect(taken.json()).toEqual({ keyId: next.keyId, previousKeyId: old.keyId })
        expect(await currentKeyOf(nl.node, 'be')).toBe(next.keyId)
        expect(await listPendingPeerKeys(nl.node.deps.store.db, 'be')).toEqual([])
        const peer = await findPeer(nl.node.deps.store.db, 'be')
        expect(peer?.keys.find((k) => k.keyId === old.keyId)?.retiredAt).toBeInstanceOf(Date)
        await expect(
          takePeerKey(nl.node.deps, {
            nodeId: 'be',
            publicKey: null,
            keyId: null,
            caller: operator,
            source: 'test',
          }),
        ).rejects.toMatchObject({ reason: 'peer_key_none_pending' })

        // BE restarted with its new key: what it signs now arrives at NL
        await be.node.close()
        renameSync(join(root, `key-${keys}.key`), be.signingKeyFile)
        await be.start()
        expect(be.node.deps.signingKey.keyId).toBe(next.keyId)
        const [after] = await writeCentreEntries(
          be.node,
          Array.from({ length: 1 }, (_, i) => `entry ${i}`),
          { kind: 'federation' },
        )
        await waitUntil(async () => (await inboxOf(nl.node, 'be')).some((e) => e.event['subject'] === after))
        const inbox = await inboxOf(nl.node, 'be')
        const sigOf = (subject: string | undefined) =>
          (inbox.find((e) => e.event['subject'] === subject)?.event['sig'] as { keyId: string }).keyId
        expect(sigOf(before)).toBe(old.keyId)
        expect(sigOf(after)).toBe(next.keyId)
        // its node document publishes the old key as retired: what it signed still verifies by its id
        const doc = (await (await fetch(`${be.node.url}/federation/v1/node`)).json()) as {
          key: { keyId: string }
          retiredKeys: { keyId: string }[]
        }
        expect(doc.key.keyId).toBe(next.keyId)
        expect(doc.retiredKeys.map((k) => k.keyId)).toContain(old.keyId)
      })

      it('tells NL of an organisation BE adds later, and NL updates its copy', async () => {
        const codes = async () =>
          (await listForeignOrganisations(nl.node.deps.store.db, 'be')).map((o) => o.code)
        expect(await codes()).toEqual(['centre'])
        const added = await addOrganisation(be.node.deps, {
          organisation: {
            code: 'pompiers-liege',
            name: 'Zone de secours Liège',
            kind: 'partner',
            country: 'BE',
          },
          caller: operator,
          source: 'test',
        })
        await waitUntil(async () => (await codes()).includes('pompiers-liege'))
        const copy = (await listForeignOrganisations(nl.node.deps.store.db, 'be')).find(
          (o) => o.id === added.id,
        )
        expect(copy).toMatchObject({
          nodeId: 'be',
          name: 'Zone de secours Liège',
          kind: 'partner',
          country: 'BE',
        })
        expect(await codes()).toEqual(['centre', 'pompiers-liege'])
        // and BE, the other way
        expect((await listForeignOrganisations(be.node.deps.store.db, 'nl')).map((o) => o.code)).toEqual([
          'centre',
        ])
      })
    })

    describe('what arrives signed with a retired key, and forged announcements', () => {
      let nl: FederatedNode
      let old: NodeSigningKey
      let next: NodeSigningKey
      beforeEach(async () => {
        nl = await federatedNode(engine, root, 'nl', 'NL')
        old = await newKey()
        next = await newKey()
        // NL trusts a BE that is not running: the test speaks for it
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
      })
      afterEach(async () => {
        await nl.dispose()
      })

      let head: StreamHead = emptyStreamHead
      let n = 0
      beforeEach(() => {
        head = emptyStreamHead
      })
      /** BE's next stream entries: each event signed with `eventKey`, chained after what NL holds. */
      async function entries(eventKey: NodeSigningKey, bodies: Record<string, unknown>[]) {
        const events = await Promise.all(
          bodies.map((body) =>
            signEvent(
              {
                id: `e${++n}`,
                at: new Date().toISOString(),
                kind: body['kind'],
                subject: `s${n}`,
                origin: 'be',
                orgId: 'be-centre',
                status: 'actual',
                tlp: body['kind'] === 'log-entry.appended' ? 'GREEN' : 'CLEAR',
                distribution: { kind: 'federation' },
                schemaVersion: 2,
                body,
              },
              { keyId: eventKey.keyId, crypto: nodeSigningCrypto(eventKey) },
            ),
          ),
        )
        return appendToStream(head, events, nodeSigningCrypto(null))
      }
      /** Posts them to NL as BE would, the request signed with `requestKey`. */
      async function send(
        list: { entries: readonly StreamEntry[]; head: StreamHead },
        requestKey: NodeSigningKey,
      ) {
        const url = `${nl.node.url}/federation/v1/stream`
        const body = Buffer.from(
          JSON.stringify({
            protocol: 1,
            from: 'be',
            to: 'nl',
            entries: list.entries.map(({ seq, prev, event }) => ({ seq, prev, event })),
          }),
        )
        const headers = await signFederationRequest({ method: 'POST', url, body }, requestKey, new Date())
        const res = await federationHttp({ method: 'POST', url, headers, body, timeoutMs: 5000 })
        const answer = JSON.parse(res.text) as Record<string, unknown>
        if (res.status === 200 && (answer['refusal'] ?? null) === null) head = list.head
        return { status: res.status, body: answer }
      }
      const logEntry = {
        kind: 'log-entry.appended',
        entry: { id: 'x', caseId: null, text: 'x', supersedes: null },
      }
      const announcement = async (
        signer: NodeSigningKey,
        key: NodeSigningKey,
        change: Record<string, unknown> = {},
      ) => ({
        kind: 'node.key-rotated',
        announcement: {
          ...(await signEvent(
            {
              kind: 'node.key-announcement',
              nodeId: 'be',
              keyId: key.keyId,
              publicKey: federationPublicKey(key),
              previousKeyId: old.keyId,
              rotatedAt: new Date().toISOString(),
            },
            { keyId: signer.keyId, crypto: nodeSigningCrypto(signer) },
          )),
          ...change,
        },
      })
      const skips = async () => (await inboxOutcomes(nl.node.deps.store.db, 'be')).skipped

      it('refuses forged and tampered announcements, keeping nothing pending, and takes a genuine one', async () => {
        const stranger = await newKey()
        // signed by a key that is not BE's current one
        const forged = await announcement(stranger, stranger)
        // signed by BE's key, but another key put in: its signature no longer verifies
        const tampered = await announcement(old, next, {
          keyId: stranger.keyId,
          publicKey: federationPublicKey(stranger),
        })
        // naming another node
        const otherNode = await announcement(old, next, { nodeId: 'lu' })
        const sent = await send(await entries(old, [forged, tampered, otherNode]), old)
        expect(sent).toMatchObject({ status: 200, body: { accepted: 3, refusal: null } })
        await waitUntil(async () => (await skips()) === 3)
        const reasons = await nl.node.deps.store.db
          .selectFrom('audit')
          .select('details')
          .where('action', '=', 'federation.apply')
          .execute()
        const why = reasons
          .flatMap((r) => (r.details as { skips?: { why: string }[] }).skips ?? [])
          .map((s) => s.why)
        expect(why).toEqual(
          expect.arrayContaining([
            'key_announcement_refused: not_current_key',
            'key_announcement_refused: bad_signature',
            'key_announcement_refused: wrong_node',
          ]),
        )
        expect(await listPendingPeerKeys(nl.node.deps.store.db, 'be')).toEqual([])
        expect(await currentKeyOf(nl.node, 'be')).toBe(old.keyId)
        // the genuine one is kept pending
        await send(await entries(old, [await announcement(old, next)]), old)
        await waitUntil(async () => (await listPendingPeerKeys(nl.node.deps.store.db, 'be')).length === 1)
        expect((await listPendingPeerKeys(nl.node.deps.store.db, 'be'))[0]?.keyId).toBe(next.keyId)
      })

      it('verifies what arrives signed with the old key within the grace, and refuses it after', async () => {
        await takePeerKey(nl.node.deps, {
          nodeId: 'be',
          publicKey: next.publicKey,
          keyId: next.keyId,
          caller: operator,
          source: 'test',
        })
        expect(await currentKeyOf(nl.node, 'be')).toBe(next.keyId)
        // in the grace: an entry BE signed before it restarted, sent with the old key, is taken
        expect(await send(await entries(old, [logEntry]), old)).toMatchObject({
          status: 200,
          body: { accepted: 1, refusal: null },
        })
        expect(await send(await entries(next, [logEntry]), next)).toMatchObject({ body: { accepted: 1 } })

        // NL restarted with no grace left
        await nl.node.close()
        await nl.start({ 'federation.keyGraceSeconds': 0 })
        // a request signed with the old key is no peer's any more
        const late = await send(await entries(old, [logEntry]), old)
        expect(late).toMatchObject({ status: 401, body: { error: { reason: 'unknown_peer' } } })
        // an entry signed with the old key, sent with the new one, is refused and not kept
        expect(await send(await entries(old, [logEntry]), next)).toMatchObject({
          status: 200,
          body: { accepted: 0, refusal: { reason: 'unknown_key', seq: 3 } },
        })
        expect((await inboxOf(nl.node, 'be')).map((e) => e.seq)).toEqual([1, 2])
        // what arrived before keeps its signature by the old key, kept as signed
        expect(((await inboxOf(nl.node, 'be'))[0]?.event['sig'] as { keyId: string }).keyId).toBe(old.keyId)
      })

      it("refuses a published list that claims one of NL's own organisations, keeping its copy", async () => {
        const centre = await nl.node.deps.store.db
          .selectFrom('organisations')
          .select('id')
          .where('code', '=', 'centre')
          .executeTakeFirstOrThrow()
        const org = (id: string, code: string) => ({
          id,
          code,
          name: code,
          kind: 'partner',
          country: 'BE',
          languages: ['fr'],
          version: 1,
        })
        const claimed = { kind: 'node.organisations-published', organisations: [org(centre.id, 'stolen')] }
        const fine = { kind: 'node.organisations-published', organisations: [org('be-org-1', 'pompiers')] }
        await send(await entries(old, [claimed, fine]), old)
        await waitUntil(async () => (await inboxOutcomes(nl.node.deps.store.db, 'be')).waiting === 0)
        expect(await skips()).toBe(1)
        expect((await listForeignOrganisations(nl.node.deps.store.db, 'be')).map((o) => o.code)).toEqual([
          'pompiers',
        ])
      })
    })
  },
)
