import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken, fixedClock } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signIn, signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

const entry = (text: string) => ({ discipline: 'multidisciplinary', source: 'phone', text })

describe.each(engines.map((e) => [e.name, e] as const))('Idempotency-Key on %s', (_name, engine) => {
  const clock = fixedClock(new Date('2026-11-20T08:00:00.000Z'))
  let node: TestNode
  let duty: Session
  let colleague: Session
  let bearer: Record<string, string>

  const post = (headers: Record<string, string>, url: string, payload: unknown, key?: string) =>
    node.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    })
  const count = async (table: 'events' | 'audit' | 'log_entries') =>
    Number(
      (
        await node.deps.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const counts = async () => ({
    events: await count('events'),
    audit: await count('audit'),
    entries: await count('log_entries'),
  })

  beforeAll(async () => {
    node = await startTestNode(engine, { clock })
    duty = await signedInAs(node, ['duty-officer'])
    colleague = await signedInAs(node, ['duty-officer'])
    const { secret } = await createToken(node.deps, {
      caller: { kind: 'system', label: 'test' },
      username: duty.account.user.username,
      name: 'desk-import',
      scopes: ['cases.write', 'read'],
      expiresInDays: 30,
      source: 'test',
    })
    bearer = { authorization: `Bearer ${secret}` }
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('writes a retried change once and gives the first answer again, marked as replayed', async () => {
    const before = await counts()
    const first = await post(duty.headers(), '/api/v1/log', entry('Appel du CIC: calme'), 'retry-1')
    expect(first.statusCode).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    const afterFirst = await counts()
    expect(afterFirst).toEqual({
      events: before.events + 1,
      audit: before.audit + 1,
      entries: before.entries + 1,
    })
    const retry = await post(duty.headers(), '/api/v1/log', entry('Appel du CIC: calme'), 'retry-1')
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.headers['content-type']).toBe(first.headers['content-type'])
    expect(retry.headers['x-request-id']).not.toBe(first.headers['x-request-id'])
    expect(retry.headers['cache-control']).toBe('no-store')
    expect(retry.json()).toEqual(first.json())
    expect(await counts()).toEqual(afterFirst)
    // the same key in its quoted (Structured Field) form is the same key
    const quoted = await post(duty.headers(), '/api/v1/log', entry('Appel du CIC: calme'), '"retry-1"')
    expect(quoted.headers['idempotent-replayed']).toBe('true')
    // without a key, the same body is a new entry
    expect((await post(duty.headers(), '/api/v1/log', entry('Appel du CIC: calme'))).statusCode).toBe(201)
    expect((await counts()).entries).toBe(afterFirst.entries + 1)
  })

  it('keeps a refusal (4xx) and gives it again; a retry does not run the action again', async () => {
    const future = { ...entry('x'), occurredAt: '2099-01-01T00:00:00Z' }
    const first = await post(duty.headers(), '/api/v1/log', future, 'refused-1')
    expect(first.statusCode).toBe(400)
    const before = await counts()
    const retry = await post(duty.headers(), '/api/v1/log', future, 'refused-1')
    expect(retry.statusCode).toBe(400)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    // the refusal was audited once, by the first request
    expect(await counts()).toEqual(before)
  })

  it('does not keep a 5xx: the retry with the same key runs the change', async () => {
    // the database fails every insert into the log until the trigger is dropped
    await sql`create function liaison_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'disk on fire' using errcode = 'XX000'; end $$`.execute(node.deps.store.db)
    await sql`create trigger liaison_test_fail before insert on log_entries
      for each row execute function liaison_test_fail()`.execute(node.deps.store.db)
    const failed = await post(duty.headers(), '/api/v1/log', entry('Pendant la panne'), 'after-failure-1')
    expect(failed.statusCode).toBe(500)
    await sql`drop trigger liaison_test_fail on log_entries`.execute(node.deps.store.db)
    await sql`drop function liaison_test_fail()`.execute(node.deps.store.db)
    const before = await counts()
    const retry = await post(duty.headers(), '/api/v1/log', entry('Pendant la panne'), 'after-failure-1')
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBeUndefined()
    expect((await counts()).entries).toBe(before.entries + 1)
  })

  it('runs two duplicates sent at once only once: the other waits (409) or gets the first answer', async () => {
    const before = await counts()
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => post(duty.headers(), '/api/v1/log', entry('Deux fois?'), 'twice-1')),
    )
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true)
    const ran = answers.filter((a) => a.statusCode === 201 && a.headers['idempotent-replayed'] === undefined)
    expect(ran).toHaveLength(1)
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('still being processed') as string,
      })
    const after = await counts()
    expect(after).toEqual({ events: before.events + 1, audit: before.audit + 1, entries: before.entries + 1 })
    // once it is done, a retry gets its answer
    const late = await post(duty.headers(), '/api/v1/log', entry('Deux fois?'), 'twice-1')
    expect(late.headers['idempotent-replayed']).toBe('true')
    expect(late.json()).toEqual(ran[0]!.json())
  })

  it('refuses the same key on a different request with 422 idempotency_key_reused, and writes nothing', async () => {
    expect((await post(duty.headers(), '/api/v1/log', entry('Premier'), 'reuse-1')).statusCode).toBe(201)
    const before = await counts()
    for (const [url, body] of [
      ['/api/v1/log', entry('Autre texte')],
      ['/api/v1/log?x=1', entry('Premier')],
      ['/api/v1/cases', { kind: 'incident' }],
    ] as const) {
      const reused = await post(duty.headers(), url, body, 'reuse-1')
      if (url === '/api/v1/cases') {
        // a body the route refuses never reaches the key: schema validation comes first
        expect(reused.statusCode).toBe(400)
        continue
      }
      expect(reused.statusCode).toBe(422)
      expect(reused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'idempotency_key_reused',
        message: expect.stringContaining('different request') as string,
      })
    }
    expect(await counts()).toEqual(before)
  })

  it('keeps the keys of different principals apart: another user, and a token of the same user', async () => {
    const before = await counts()
    const mine = await post(duty.headers(), '/api/v1/log', entry('Même clé'), 'shared-1')
    const theirs = await post(colleague.headers(), '/api/v1/log', entry('Même clé'), 'shared-1')
    const token = await post(bearer, '/api/v1/log', entry('Même clé'), 'shared-1')
    for (const a of [mine, theirs, token]) {
      expect(a.statusCode).toBe(201)
      expect(a.headers['idempotent-replayed']).toBeUndefined()
    }
    expect(new Set([mine, theirs, token].map((a) => a.json<{ id: string }>().id)).size).toBe(3)
    expect((await counts()).entries).toBe(before.entries + 3)
    // a user's key is the user's across sessions (a minute later: a one-time code is used once)
    clock.advance(60_000)
    const again = await signIn(node, duty.account)
    const replay = await post(again.headers(), '/api/v1/log', entry('Même clé'), 'shared-1')
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json()).toEqual(mine.json())
  })

  it('gives a retried token creation the same secret, and keeps it sealed, never in the clear', async () => {
    const admin = await signedInAs(node, ['admin'])
    const make = () =>
      post(
        admin.headers(),
        '/api/v1/tokens',
        { name: 'situation-board', scopes: ['read'], expiresInDays: 7 },
        'token-1',
      )
    const first = await make()
    expect(first.statusCode).toBe(201)
    const secret = first.json<{ secret: string }>().secret
    const retry = await make()
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json<{ secret: string }>().secret).toBe(secret)
    const tokens = await node.deps.store.db
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'situation-board')
      .execute()
    expect(tokens).toHaveLength(1)
    const row = await node.deps.store.db
      .selectFrom('idempotency_keys')
      .select(['body', 'headers'])
      .where('key', '=', 'token-1')
      .executeTakeFirstOrThrow()
    expect(row.body).toMatch(/^v1\./)
    expect(row.body).not.toContain(secret)
    // the answer, base64 in the clear, would start with the base64 of '{"token"'
    expect(row.body).not.toContain(Buffer.from('{"token"').toString('base64').slice(0, 8))
    expect(JSON.stringify(row.headers)).not.toContain(secret)
  })

  it('answers 400 naming the header for a malformed key, before anything runs', async () => {
    const before = await counts()
    for (const key of ['', 'k'.repeat(256), 'clé', '"unclosed']) {
      const refused = await post(bearer, '/api/v1/log', entry('Malformé'), key)
      expect(refused.statusCode).toBe(400)
      expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'validation_failed',
        message: expect.stringContaining('Idempotency-Key') as string,
      })
    }
    expect(await counts()).toEqual(before)
  })

  it('hashes an uploaded file as it arrives: the same file replays, another file with the key is refused', async () => {
    const created = await post(bearer, '/api/v1/log', entry('Avec pièce jointe'))
    const entryId = created.json<{ id: string }>().id
    const upload = (text: string, key: string) =>
      node.app.inject({
        method: 'POST',
        url: `/api/v1/log-entries/${entryId}/attachments`,
        payload: Buffer.from(text),
        headers: {
          ...bearer,
          'content-type': 'text/plain',
          'x-filename': 'note.txt',
          'idempotency-key': key,
        },
      })
    const first = await upload('Relevé de la station: 4,2 m', 'upload-1')
    expect(first.statusCode).toBe(201)
    const retry = await upload('Relevé de la station: 4,2 m', 'upload-1')
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect((await upload('Relevé de la station: 4,3 m', 'upload-1')).statusCode).toBe(422)
    const files = await node.deps.store.db
      .selectFrom('attachments')
      .select('id')
      .where('log_entry_id', '=', entryId)
      .execute()
    expect(files).toHaveLength(1)
  })

  it('frees a key after http.idempotencyHours: the request runs again, and the expired rows are deleted', async () => {
    const first = await post(bearer, '/api/v1/log', entry('Avant expiration'), 'expiring-1')
    expect(first.statusCode).toBe(201)
    clock.advance(23 * 3_600_000)
    expect(
      (await post(bearer, '/api/v1/log', entry('Avant expiration'), 'expiring-1')).headers,
    ).toHaveProperty('idempotent-replayed', 'true')
    clock.advance(2 * 3_600_000)
    const keys = () =>
      node.deps.store.db.selectFrom('idempotency_keys').select(['key', 'expires_at']).execute()
    // another request comes along and deletes what has expired (every key made before the advance)
    const other = await post(bearer, '/api/v1/log', entry('Après'), 'after-expiry')
    expect(other.statusCode).toBe(201)
    expect((await keys()).map((k) => k.key)).toEqual(['after-expiry'])
    const afterExpiry = await post(bearer, '/api/v1/log', entry('Avant expiration'), 'expiring-1')
    expect(afterExpiry.statusCode).toBe(201)
    expect(afterExpiry.headers['idempotent-replayed']).toBeUndefined()
    expect(afterExpiry.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id)
  })
})
