import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Distribution, EventDraft, StoredEvent } from '@liaison/core'
import { eventSchemaVersion } from '@liaison/core'
import { addOrganisation, readEvents, runAction } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import { openSse } from '../support/sseClient.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }
const system = { kind: 'system', label: 'test' } as const

/**
 * Decision 014: every event carries its distribution, and the live stream of each organisation
 * of the node gets exactly the events whose distribution names it. Three partners and the centre:
 * the police own a case, the fire service takes part, the Red Cross does not.
 */
describe.each(engines.map((e) => [e.name, e] as const))('sharing on %s', (_name, engine) => {
  let node: TestNode
  const sessions: Record<'centre' | 'police' | 'fire' | 'redcross', Session> = {} as never
  const orgIds: Record<string, string> = {}
  let caseId: string

  const send = (s: Session, method: string, url: string, payload?: object) =>
    node.app.inject({ method: method as 'POST', url, headers: s.headers(), ...(payload ? { payload } : {}) })

  beforeAll(async () => {
    node = await startTestNode(engine, { listen: true, config: { 'http.host': '127.0.0.1' } })
    for (const [code, name] of [
      ['police', 'Zone de police Liège'],
      ['fire', 'Zone de secours Liège'],
      ['redcross', 'Croix-Rouge'],
    ] as const)
      await addOrganisation(node.deps, {
        organisation: { code, name, kind: 'partner', country: 'BE' },
        caller: system,
        source: 'test',
      })
    for (const code of ['centre', 'police', 'fire', 'redcross'] as const) {
      sessions[code] = await signedInAs(node, ['duty-officer'], code)
      orgIds[code] = sessions[code].account.user.orgId
    }
    const opened = await send(sessions.police, 'POST', '/api/v1/cases', {
      kind: 'incident',
      status: 'exercise',
      type: 'flood',
      title: 'Crue de la Meuse',
      severity: 'major',
      participants: ['fire'],
    })
    expect(opened.statusCode).toBe(201)
    caseId = opened.json<{ id: string }>().id
  })
  afterAll(async () => {
    await node.dispose()
  })

  /** Opens a stream per organisation after `after`, runs `write`, and returns what each received up to the marker. */
  async function received(write: () => Promise<void>): Promise<Record<string, string[]>> {
    const after = Number(
      (
        await node.deps.store.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst()
      )?.seq ?? 0,
    )
    const streams = await Promise.all(
      Object.entries(sessions).map(
        async ([code, s]) =>
          [code, await openSse(`${node.url}/api/v1/stream?after=${after}`, { cookie: s.cookie })] as const,
      ),
    )
    try {
      await write()
      // a marker every organisation sees ends each stream's share
      const marker = node.deps.ids.next()
      await emit([
        {
          body: { kind: 'plan.saved', planId: marker },
          subject: marker,
          orgId: orgIds.centre!,
          distribution: { kind: 'national' },
        },
      ])
      const out: Record<string, string[]> = {}
      for (const [code, stream] of streams) {
        for (let i = 0; !stream.messages.some((m) => m.data.includes(marker)); i++) {
          if (i > 200) throw new Error(`${code} never received the marker`)
          await new Promise((r) => setTimeout(r, 25))
        }
        out[code] = stream.messages
          .map((m) => JSON.parse(m.data) as { subject: string })
          .map((m) => m.subject)
          .filter((s) => s !== marker)
      }
      return out
    } finally {
      await Promise.all(streams.map(([, s]) => s.close()))
    }
  }

  const emit = (drafts: EventDraft[]) =>
    runAction(node.deps, { action: 'test.share', actor: system, source: 'test' }, async (ctx) => {
      for (const d of drafts) ctx.emit(d)
      await Promise.resolve()
    })

  it("sends a case's log entry to the streams of its owner and participants only", async () => {
    let entryId = ''
    const got = await received(async () => {
      const entry = await send(sessions.fire, 'POST', `/api/v1/cases/${caseId}/log`, {
        discipline: 'be-d1-rescue',
        source: 'field',
        text: 'Digue fissurée',
      })
      expect(entry.statusCode).toBe(201)
      entryId = entry.json<{ id: string }>().id
    })
    expect(got).toEqual({ centre: [], police: [entryId], fire: [entryId], redcross: [] })
    const [row] = await node.deps.store.db
      .selectFrom('events')
      .select(['origin', 'org_id', 'status', 'distribution', 'tlp', 'schema_version', 'audience'])
      .where('subject', '=', entryId)
      .execute()
    expect(row).toEqual({
      origin: 'be',
      org_id: orgIds.fire,
      status: 'exercise',
      distribution: { kind: 'case', caseId },
      tlp: 'AMBER',
      schema_version: eventSchemaVersion,
      audience: [orgIds.police, orgIds.fire].sort(),
    })
  })

  it('sends an event of one case to exactly whom each distribution level names', async () => {
    const groupId = node.deps.ids.next()
    await node.deps.store.db
      .insertInto('sharing_group_members')
      .values([
        { group_id: groupId, org_id: orgIds.fire! },
        { group_id: groupId, org_id: orgIds.redcross! },
      ])
      .execute()
    const levels: [string, Distribution, string[]][] = [
      ['organisation', { kind: 'organisation' }, ['police']],
      ['case', { kind: 'case', caseId }, ['police', 'fire']],
      ['national', { kind: 'national' }, ['centre', 'police', 'fire', 'redcross']],
      // on the origin node a share with other nodes is the owner's and the centre's, who makes it
      ['neighbours', { kind: 'neighbours', nodes: ['nl', 'lu'] }, ['centre', 'police']],
      ['federation', { kind: 'federation' }, ['centre', 'police']],
      ['group', { kind: 'group', groupId }, ['police', 'fire', 'redcross']],
    ]
    const subjects = Object.fromEntries(levels.map(([level]) => [level, node.deps.ids.next()]))
    const got = await received(() =>
      emit(
        levels.map(([level, distribution]) => ({
          body: { kind: 'map-feature.removed', featureId: subjects[level]!, caseId },
          subject: subjects[level]!,
          orgId: orgIds.police!,
          distribution,
          status: 'exercise',
        })),
      ),
    )
    for (const code of Object.keys(sessions))
      expect({ code, got: got[code] }).toEqual({
        code,
        got: levels.filter(([, , seen]) => seen.includes(code)).map(([level]) => subjects[level]),
      })
  })

  it('writes no event without a distribution: the action fails, nothing is written', async () => {
    const subject = node.deps.ids.next()
    const draft = { body: { kind: 'plan.saved', planId: subject }, subject, orgId: orgIds.police! }
    await expect(emit([draft as unknown as EventDraft])).rejects.toThrow(/no valid distribution/)
    await expect(
      emit([{ ...draft, distribution: { kind: 'everyone' } } as unknown as EventDraft]),
    ).rejects.toThrow(/no valid distribution/)
    // TLP:RED only to named organisations
    await expect(
      emit([{ ...draft, distribution: { kind: 'national' }, tlp: 'RED' } as EventDraft]),
    ).rejects.toThrow(/red_needs_named_organisations/)
    for (const table of ['events', 'pending_events'] as const) {
      const rows = await node.deps.store.db
        .selectFrom(table)
        .select('id')
        .where('subject', '=', subject)
        .execute()
      expect(rows).toEqual([])
    }
  })

  it('the database refuses an event row without a distribution, or with one it cannot be', async () => {
    const row = (distribution: string | null, tlp = 'AMBER') => sql`insert into pending_events
      (id, audit_id, at, kind, subject, origin, org_id, status, distribution, tlp, schema_version, audience, body)
      values (${node.deps.ids.next()}, ${node.deps.ids.next()}, now(), 'plan.saved', 'x', 'be', ${orgIds.police},
        'actual', ${distribution}::jsonb, ${tlp}, 2, ${`{${orgIds.police}}`}::uuid[], '{}'::jsonb)`
    for (const [distribution, tlp] of [
      [null, 'AMBER'],
      ['{"kind":"everyone"}', 'AMBER'],
      ['{"kind":"case"}', 'AMBER'],
      ['{"kind":"neighbours","nodes":[]}', 'AMBER'],
      ['"national"', 'AMBER'],
      ['{"kind":"national"}', 'RED'],
      ['{"kind":"national"}', 'PURPLE'],
    ] as const)
      await expect(
        row(distribution, tlp).execute(node.deps.store.db),
        `${distribution} ${tlp}`,
      ).rejects.toThrow()
    // the same row with a distribution goes in (and is removed again)
    await row('{"kind":"organisation"}').execute(node.deps.store.db)
    await node.deps.store.db.deleteFrom('pending_events').where('subject', '=', 'x').execute()
    await expect(
      sql`update events set distribution = null where seq = (select max(seq) from events)`.execute(
        node.deps.store.db,
      ),
    ).rejects.toThrow()
  })

  it('keeps the times of an event body as dates, and a reported time as reported, through the store', async () => {
    const published: StoredEvent[] = []
    const unsubscribe = node.deps.bus.subscribe((events) => {
      published.push(...events)
    })
    try {
      const sent = await send(sessions.police, 'POST', `/api/v1/cases/${caseId}/log`, {
        discipline: 'be-d3-police',
        source: 'radio',
        text: 'Pont fermé',
        occurredAt: {
          at: '2026-03-29T01:30:00+01:00',
          zone: 'Europe/Brussels',
          qualifier: 'range',
          until: '2026-03-29T03:15:00+02:00',
        },
      })
      expect(sent.statusCode).toBe(201)
      const entry = sent.json<{ id: string; occurredAt: string; occurred: unknown }>()
      expect(entry.occurredAt).toBe('2026-03-29T00:30:00.000Z')
      expect(entry.occurred).toEqual({
        at: '2026-03-29T01:30:00+01:00',
        zone: 'Europe/Brussels',
        qualifier: 'range',
        until: '2026-03-29T03:15:00+02:00',
      })
      const [stored] = (await readEvents(node.deps.store.db, 0, 100_000)).filter(
        (e) => e.subject === entry.id,
      )
      // on PostgreSQL the bus hears of it through NOTIFY and a read, a moment after the action returns
      await expect.poll(() => published.some((e) => e.subject === entry.id)).toBe(true)
      const live = published.find((e) => e.subject === entry.id)
      for (const event of [stored, live]) {
        const body = event?.body
        if (body?.kind !== 'log-entry.appended') throw new Error('no log entry event')
        expect(body.entry.occurredAt).toEqual(new Date('2026-03-29T00:30:00Z'))
        expect(body.entry.recordedAt).toBeInstanceOf(Date)
        expect(body.entry.occurred).toEqual({
          at: new Date('2026-03-29T00:30:00Z'),
          zone: 'Europe/Brussels',
          qualifier: 'range',
          until: new Date('2026-03-29T01:15:00Z'),
        })
        expect(event?.at).toBeInstanceOf(Date)
      }
      // read back through the API, the same
      const log = await node.app.inject({
        url: `/api/v1/cases/${caseId}/log`,
        headers: sessions.fire.headers(),
      })
      const read = log
        .json<{ items: { id: string; occurred: unknown }[] }>()
        .items.find((e) => e.id === entry.id)
      expect(read?.occurred).toEqual(entry.occurred)
    } finally {
      unsubscribe()
    }
  })

  it('takes a plain time with an offset as exact, and refuses a reported time that contradicts itself', async () => {
    const plain = await send(sessions.police, 'POST', '/api/v1/log', {
      discipline: 'be-d3-police',
      source: 'phone',
      text: 'Appel',
      occurredAt: '2026-12-01T21:00:00+01:00',
    })
    expect(plain.statusCode).toBe(201)
    expect(plain.json<{ occurred: unknown }>().occurred).toEqual({
      at: '2026-12-01T21:00:00+01:00',
      zone: '+01:00',
      qualifier: 'exact',
    })
    const none = await send(sessions.police, 'POST', '/api/v1/log', {
      discipline: 'be-d3-police',
      source: 'phone',
      text: 'x',
    })
    expect(none.json<{ occurred: { qualifier: string } }>().occurred.qualifier).toBe('defaulted')
    for (const occurredAt of [
      { at: '2026-12-01T21:00:00+01:00', zone: 'Europe/Lisbon' },
      { at: '2026-12-01T21:00:00+01:00', qualifier: 'part-of-day', part: 'morning' },
      { at: '2026-12-01T21:00:00+01:00', qualifier: 'range' },
      { at: '2026-12-01T21:00:00+01:00', zone: 'Mars/Olympus' },
    ]) {
      const refused = await send(sessions.police, 'POST', '/api/v1/log', {
        discipline: 'be-d3-police',
        source: 'phone',
        text: 'x',
        occurredAt,
      })
      expect({
        occurredAt,
        status: refused.statusCode,
        code: refused.json<{ error: { code: string } }>().error.code,
      }).toEqual({
        occurredAt,
        status: 400,
        code: 'validation_failed',
      })
    }
  })
})
