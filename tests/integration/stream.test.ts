import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventSchemaVersion } from '@liaison/core'
import { addOrganisation, startNode } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { openSse } from '../support/sseClient.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'

const engines = await testEngines()
const operator = { kind: 'operator', label: 'test' } as const

describe.each(engines.map((e) => [e.name, e] as const))('live stream on %s', (_name, engine) => {
  let node: TestNode
  let session: TestSession
  const open = (path: string, headers: Record<string, string> = {}) =>
    openSse(`${node.url}${path}`, { cookie: session.cookie, ...headers })
  beforeAll(async () => {
    node = await startTestNode(engine, {
      listen: true,
      config: { 'http.host': '127.0.0.1', 'http.streamHeartbeatSeconds': 1 },
    })
    session = await signedInAs(node, ['viewer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  const add = (code: string) =>
    addOrganisation(node.deps, {
      organisation: { code, name: `Partner ${code}`, kind: 'partner', country: 'BE' },
      caller: operator,
      source: 'test',
    })

  it('sends the backlog, then each event as it commits, in order', async () => {
    const stream = await open('/api/v1/stream')
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(stream.response.headers.get('x-content-type-options')).toBe('nosniff')
    const [first] = await stream.waitFor(1)
    expect(first).toMatchObject({ id: '1', event: 'organisation.added' })
    expect(JSON.parse(first!.data)).toMatchObject({
      seq: 1,
      kind: 'organisation.added',
      body: { organisation: { code: 'centre' } },
    })

    await add('live-1')
    await add('live-2')
    const messages = await stream.waitFor(3)
    expect(
      messages.map(
        (m) => (JSON.parse(m.data) as { body: { organisation: { code: string } } }).body.organisation.code,
      ),
    ).toEqual(['centre', 'live-1', 'live-2'])
    expect(messages.map((m) => Number(m.id))).toEqual([1, 2, 3])
    await expect(node.deps.metrics.streamClients.get()).resolves.toMatchObject({ values: [{ value: 1 }] })
    await stream.close()
  })

  it('resumes after Last-Event-ID, or ?after=, without repeating or missing anything', async () => {
    const resumed = await open('/api/v1/stream', { 'last-event-id': '2' })
    const fromQuery = await open('/api/v1/stream?after=1')
    await add('live-3')
    expect((await resumed.waitFor(2)).map((m) => m.id)).toEqual(['3', '4'])
    expect((await fromQuery.waitFor(3)).map((m) => m.id)).toEqual(['2', '3', '4'])
    await new Promise((r) => setTimeout(r, 200))
    expect(resumed.messages).toHaveLength(2)
    await Promise.all([resumed.close(), fromQuery.close()])
  })

  it('misses nothing committed while it reads the backlog', async () => {
    const writes = Promise.all(Array.from({ length: 12 }, (_, i) => add(`burst-${i}`)))
    const stream = await open('/api/v1/stream?after=4')
    await writes
    const messages = await stream.waitFor(12)
    expect(messages.map((m) => Number(m.id))).toEqual(Array.from({ length: 12 }, (_, i) => 5 + i))
    await stream.close()
  })

  it('starts at the newest event with ?after=latest', async () => {
    const stream = await open('/api/v1/stream?after=latest')
    await add('after-latest')
    const [only] = await stream.waitFor(1)
    expect(JSON.parse(only!.data)).toMatchObject({ body: { organisation: { code: 'after-latest' } } })
    await new Promise((r) => setTimeout(r, 100))
    expect(stream.messages).toHaveLength(1)
    await stream.close()
  })

  it('refuses a client that is not signed in', async () => {
    await expect(openSse(`${node.url}/api/v1/stream`)).rejects.toThrow('stream answered 401')
  })

  it('ends a stream once its session is signed out, and only that one', async () => {
    const other = await signedInAs(node, ['viewer'])
    const leaving = await openSse(`${node.url}/api/v1/stream`, { cookie: other.cookie })
    const staying = await open('/api/v1/stream')
    await Promise.all([leaving.waitFor(1), staying.waitFor(1)])
    const signedOut = await node.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: other.headers(),
    })
    expect(signedOut.statusCode).toBe(204)
    const ended = async () => {
      for (let i = 0; i < 100; i++) {
        const last = leaving.messages.at(-1)
        if (last?.event === 'credential-ended') return last
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error('the stream did not end')
    }
    expect(JSON.parse((await ended()).data)).toEqual({ reason: 'the session was ended' })
    // the other reader goes on: its keep-alives keep coming
    const before = staying.comments
    for (let i = 0; i < 60 && staying.comments === before; i++) await new Promise((r) => setTimeout(r, 50))
    expect(staying.comments).toBeGreaterThan(before)
    expect(staying.messages.some((m) => m.event === 'credential-ended')).toBe(false)
    await Promise.all([leaving.close(), staying.close()])
  })

  it('lets go of a client that disconnects', async () => {
    const stream = await open('/api/v1/stream')
    await stream.waitFor(1)
    // clients listen to the process's live stream follower, not the bus: the gauge counts them
    const clients = async () => (await node.deps.metrics.streamClients.get()).values[0]?.value ?? 0
    const listeners = await clients()
    const busListeners = node.deps.bus.size
    await stream.close()
    for (let i = 0; i < 50 && (await clients()) >= listeners; i++) await new Promise((r) => setTimeout(r, 20))
    expect(await clients()).toBe(listeners - 1)
    expect(node.deps.bus.size).toBe(busListeners)
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('a long backlog on %s', (_name, engine) => {
  let node: TestNode
  let session: Awaited<ReturnType<typeof signedInAs>>
  beforeAll(async () => {
    node = await startTestNode(engine, { listen: true, config: { 'http.host': '127.0.0.1' } })
    session = await signedInAs(node, ['viewer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('resumes from the start over 10,000 stored events, all in order, then goes live', async () => {
    // 10,000 events of 2.5 kB each: any 500 of them are more than 1 MiB
    const stored = 10_000
    const padding = 'x'.repeat(2500)
    // written straight into the table, numbered after the last event (as the sequencer would)
    const head = Number(
      (
        await node.deps.store.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirstOrThrow()
      ).seq ?? 0,
    )
    for (let batch = 0; batch < stored / 1000; batch++) {
      await node.deps.store.db
        .insertInto('events')
        .values(
          Array.from({ length: 1000 }, (_, i) => {
            const n = batch * 1000 + i
            return {
              seq: head + n + 1,
              id: node.deps.ids.next(),
              at: new Date(),
              kind: 'organisation.added',
              subject: node.deps.ids.next(),
              origin: node.deps.nodeId,
              org_id: session.account.user.orgId,
              status: 'actual' as const,
              distribution: JSON.stringify({ kind: 'national' }),
              tlp: 'GREEN' as const,
              schema_version: eventSchemaVersion,
              audience: [session.account.user.orgId],
              body: JSON.stringify({ kind: 'organisation.added', n, padding }),
            }
          }),
        )
        .execute()
    }
    const before = Number(
      (
        await node.deps.store.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const stream = await openSse(`${node.url}/api/v1/stream`, { cookie: session.cookie })
    try {
      const backlog = await stream.waitFor(before, 60_000)
      const seqs = backlog.map((m) => Number(m.id))
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      expect(new Set(seqs).size).toBe(before)
      const numbered = backlog
        .map((m) => (JSON.parse(m.data) as { body: { n?: number } }).body.n)
        .filter((n) => n !== undefined)
      expect(numbered).toEqual(Array.from({ length: stored }, (_, i) => i))

      await addOrganisation(node.deps, {
        organisation: {
          code: 'after-backlog',
          name: 'Partner after-backlog',
          kind: 'partner',
          country: 'BE',
        },
        caller: operator,
        source: 'test',
      })
      const all = await stream.waitFor(before + 1)
      expect(JSON.parse(all.at(-1)!.data)).toMatchObject({
        body: { organisation: { code: 'after-backlog' } },
      })
      expect(Number(all.at(-1)!.id)).toBeGreaterThan(seqs.at(-1)!)
      await new Promise((r) => setTimeout(r, 200))
      expect(stream.messages).toHaveLength(before + 1)
    } finally {
      await stream.close()
    }
  }, 120_000)
})

describe.each(engines.filter((e) => e.name === 'postgres').map((e) => [e.name, e] as const))(
  'several processes of one node on %s',
  (_name, engine) => {
    let first: TestNode
    let session: TestSession
    beforeAll(async () => {
      first = await startTestNode(engine, { listen: true, config: { 'http.host': '127.0.0.1' } })
      session = await signedInAs(first, ['viewer'])
    })
    afterAll(async () => {
      await first.dispose()
    })

    it('listens again when its listening connection is cut, and misses nothing committed meanwhile', async () => {
      const stream = await openSse(`${first.url}/api/v1/stream?after=latest`, { cookie: session.cookie })
      try {
        const cut = await sql<{ n: number }>`
          select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and query = 'LISTEN liaison_events'`.execute(first.deps.store.db)
        expect(cut.rows[0]?.n).toBe(1)
        await addOrganisation(first.deps, {
          organisation: { code: 'while-cut', name: 'Partner while-cut', kind: 'partner', country: 'BE' },
          caller: operator,
          source: 'test',
        })
        const [event] = await stream.waitFor(1, 15_000)
        expect(JSON.parse(event!.data)).toMatchObject({ body: { organisation: { code: 'while-cut' } } })
        await expect
          .poll(() =>
            first.captured.lines.some((l) => l['msg'] === 'lost the events channel; listening again'),
          )
          .toBe(true)
      } finally {
        await stream.close()
      }
    })

    it('carries every event to the streams of every process, in one order, whichever process wrote it', async () => {
      const second = await startNode({
        config: testConfig(first.storeOptions, { 'http.host': '127.0.0.1' }),
        log: captureLog().log,
        listen: true,
      })
      const onFirst = await openSse(`${first.url}/api/v1/stream?after=latest`, { cookie: session.cookie })
      const onSecond = await openSse(`${second.url}/api/v1/stream?after=latest`, { cookie: session.cookie })
      try {
        const add = (node: { deps: TestNode['deps'] }, code: string) =>
          addOrganisation(node.deps, {
            organisation: { code, name: `Partner ${code}`, kind: 'partner', country: 'BE' },
            caller: operator,
            source: 'test',
          })
        await add(first, 'written-by-first')
        await add(second, 'written-by-second')
        await Promise.all([add(first, 'together-1'), add(second, 'together-2'), add(first, 'together-3')])
        const codes = async (stream: Awaited<ReturnType<typeof openSse>>) =>
          (await stream.waitFor(5)).map((m) => ({
            seq: Number(m.id),
            code: (JSON.parse(m.data) as { body: { organisation: { code: string } } }).body.organisation.code,
          }))
        const [seenByFirst, seenBySecond] = await Promise.all([codes(onFirst), codes(onSecond)])
        expect(seenBySecond).toEqual(seenByFirst)
        expect(seenByFirst.slice(0, 2).map((e) => e.code)).toEqual(['written-by-first', 'written-by-second'])
        expect(seenByFirst.map((e) => e.code).sort()).toEqual(
          ['together-1', 'together-2', 'together-3', 'written-by-first', 'written-by-second'].sort(),
        )
        const seqs = seenByFirst.map((e) => e.seq)
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
        // nothing more: each event once
        await new Promise((r) => setTimeout(r, 300))
        expect(onFirst.messages).toHaveLength(5)
        expect(onSecond.messages).toHaveLength(5)
      } finally {
        await Promise.all([onFirst.close(), onSecond.close()])
        await second.close()
      }
    })
  },
)
