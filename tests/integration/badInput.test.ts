import { randomBytes } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex, verifyAuditChain } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

interface ErrorAnswer {
  error: { code: string; message: string; details?: unknown }
}

describe.each(engines.map((e) => [e.name, e] as const))('bad input on %s', (_name, engine) => {
  let node: TestNode
  let officer: TestSession
  let caseId: string
  let entryId: string
  let planId: string
  let sitrep: { id: string; version: number }
  let userId: string

  const send = (session: TestSession | null, request: InjectOptions) =>
    node.app.inject({
      remoteAddress: `10.${randomBytes(3).join('.')}`,
      ...request,
      headers: { ...(session?.headers() ?? {}), ...request.headers },
    })
  const json = { 'content-type': 'application/json' }
  const counts = async () => {
    const db = node.deps.store.db
    const n = async (table: 'events' | 'audit' | 'log_entries' | 'attachments' | 'plan_documents') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      events: await n('events'),
      audit: await n('audit'),
      log: await n('log_entries'),
      attachments: await n('attachments'),
      planDocuments: await n('plan_documents'),
    }
  }
  /** A 400 naming the field, and nothing written. */
  const expectRefused = async (
    request: () => Promise<{ statusCode: number; body: string }>,
    names: string,
  ) => {
    const before = await counts()
    const response = await request()
    expect(response.statusCode, response.body).toBe(400)
    const body = JSON.parse(response.body) as ErrorAnswer
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.message.toLowerCase()).toContain(names.toLowerCase())
    expect(JSON.stringify(body.error.details).toLowerCase()).toContain(names.toLowerCase())
    expect(await counts()).toEqual(before)
  }

  beforeAll(async () => {
    node = await startTestNode(engine)
    officer = await signedInAs(node, ['admin', 'duty-officer', 'crisis-manager'])
    const post = async (url: string, payload?: object) => {
      const r = await send(officer, { method: 'POST', url, ...(payload ? { payload } : {}) })
      if (r.statusCode !== 201) throw new Error(`${url}: ${r.body}`)
      return r.json<{ id: string; version?: number }>()
    }
    caseId = (
      await post('/api/v1/cases', {
        kind: 'incident',
        status: 'exercise',
        type: 'flood',
        title: 'Crue',
        severity: 'minor',
      })
    ).id
    entryId = (
      await post(`/api/v1/cases/${caseId}/log`, {
        discipline: 'multidisciplinary',
        source: 'phone',
        text: 'x',
      })
    ).id
    planId = (await post('/api/v1/plans', { title: 'Plan crue' })).id
    const drafted = await post(`/api/v1/cases/${caseId}/sitreps`)
    sitrep = { id: drafted.id, version: drafted.version ?? 1 }
    userId = (
      await post('/api/v1/users', {
        username: 'someone',
        displayName: 'Someone',
        roles: ['viewer'],
        password: 'a long enough password here',
      })
    ).id
  })
  afterAll(async () => {
    await node.dispose()
  })

  describe('no 500 on bad input', () => {
    it.each([
      ['a NUL character in the username', '{"username": "ad\\u0000min", "password": "x"}', 'body/username'],
      ['a lone surrogate in the password', '{"username": "admin", "password": "\\ud800"}', 'body/password'],
    ])(
      'refuses %s at the anonymous sign-in with a 400, and the audit still works',
      async (_what, payload, names) => {
        await expectRefused(
          () => send(null, { method: 'POST', url: '/api/v1/session', headers: json, payload }),
          names,
        )
        expect(await verifyAuditChain(node.deps.store.db, sha256Hex)).toMatchObject({ ok: true })
        // the next refused sign-in is audited as before
        const before = (await counts()).audit
        const wrong = await send(null, {
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'x', password: 'y' },
        })
        expect(wrong.statusCode).toBe(401)
        expect((await counts()).audit).toBe(before + 1)
      },
    )

    it.each([
      [
        'NUL in a log entry',
        '{"discipline": "multidisciplinary", "source": "phone", "text": "a\\u0000b"}',
        'body/text',
      ],
      [
        'a lone surrogate in a log entry',
        '{"discipline": "multidisciplinary", "source": "phone", "text": "\\udc00"}',
        'body/text',
      ],
      [
        'a lone surrogate in a nested key',
        '{"discipline": "multidisciplinary", "source": "phone", "text": "t", "location": {"\\ud800": 1}}',
        'body/location',
      ],
    ])('refuses %s', async (_what, payload, names) => {
      await expectRefused(
        () => send(officer, { method: 'POST', url: '/api/v1/log', headers: json, payload }),
        names,
      )
    })

    it.each([
      ['/api/v1/audit?limit=1e300', 'querystring/limit'],
      ['/api/v1/audit?limit=9007199254740994', 'querystring/limit'],
      ['/api/v1/stream?after=1e300', 'querystring/after'],
      ['/api/v1/stream?after=9007199254740994', 'querystring/after'],
    ])('refuses a number beyond 2^53 in %s', async (url, names) => {
      await expectRefused(() => send(officer, { url }), names)
    })

    it.each(['1e300', '9007199254740994', '1e400'])(
      'refuses upTo %s when marking notifications read',
      async (raw) => {
        await expectRefused(
          () =>
            send(officer, {
              method: 'POST',
              url: '/api/v1/notifications/read',
              headers: json,
              payload: `{"upTo": ${raw}}`,
            }),
          'body/upTo',
        )
      },
    )

    it.each(['0000-01-01T00:00:00Z', '2026-06-30T23:59:60Z', '2026-02-30T10:00:00Z'])(
      'refuses the start %s for a case',
      async (startsAt) => {
        await expectRefused(
          () =>
            send(officer, {
              method: 'POST',
              url: '/api/v1/cases',
              payload: {
                kind: 'incident',
                status: 'exercise',
                type: 'flood',
                title: 'Crue',
                severity: 'minor',
                startsAt,
              },
            }),
          'body/startsAt',
        )
      },
    )

    it.each(['0000-01-01', '2026-02-30'])('refuses the plan validity date %s', async (validUntil) => {
      await expectRefused(
        () => send(officer, { method: 'POST', url: '/api/v1/plans', payload: { title: 'Plan', validUntil } }),
        'body/validUntil',
      )
    })

    it('refuses %00 in a path parameter', async () => {
      await expectRefused(() => send(officer, { url: '/api/v1/cases/%00' }), 'params/id')
    })

    it.each(['/api/v1/cases/%zz', '/api/v1/cases/%E0%A4%A', '/api/v1/organisations/%zz'])(
      'answers the broken escape in %s with the one error body',
      async (url) => {
        const response = await send(officer, { url })
        expect(response.statusCode).toBe(400)
        expect(response.json<ErrorAnswer>().error).toMatchObject({ code: 'validation_failed' })
        expect(response.json<ErrorAnswer>().error.message).toContain('path')
        expect(response.headers['x-request-id']).toBeDefined()
      },
    )
  })

  describe('no silent type coercion', () => {
    it('refuses "text": 123 in a log entry', async () => {
      await expectRefused(
        () =>
          send(officer, {
            method: 'POST',
            url: '/api/v1/log',
            payload: { discipline: 'multidisciplinary', source: 'phone', text: 123 },
          }),
        'body/text',
      )
    })

    it('refuses "disabled": "false" for a user', async () => {
      await expectRefused(
        () =>
          send(officer, { method: 'PATCH', url: `/api/v1/users/${userId}`, payload: { disabled: 'false' } }),
        'body/disabled',
      )
    })

    it('refuses "roles": "viewer" for a new user', async () => {
      await expectRefused(
        () =>
          send(officer, {
            method: 'POST',
            url: '/api/v1/users',
            payload: {
              username: 'other',
              displayName: 'Other',
              roles: 'viewer',
              password: 'a long enough password here',
            },
          }),
        'body/roles',
      )
    })

    it('refuses "version": "1" for a situation report', async () => {
      await expectRefused(
        () =>
          send(officer, {
            method: 'PATCH',
            url: `/api/v1/sitreps/${sitrep.id}`,
            payload: { version: String(sitrep.version), needs: 'Sandbags' },
          }),
        'body/version',
      )
    })

    it('still reads numbers from a query string where the schema says so, and nowhere else', async () => {
      const page = await send(officer, { url: '/api/v1/audit?limit=2' })
      expect(page.statusCode).toBe(200)
      expect(page.json<{ items: unknown[] }>().items).toHaveLength(2)
      await expectRefused(() => send(officer, { url: '/api/v1/audit?limit=two' }), 'querystring/limit')
      await expectRefused(() => send(officer, { url: '/api/v1/audit?limit=1&limit=2' }), 'querystring/limit')
    })

    it('refuses invalid UTF-8 in a JSON body instead of storing U+FFFD', async () => {
      const before = await counts()
      const payload = Buffer.concat([
        Buffer.from('{"discipline": "multidisciplinary", "source": "phone", "text": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}'),
      ])
      const response = await send(officer, { method: 'POST', url: '/api/v1/log', headers: json, payload })
      expect(response.statusCode).toBe(400)
      expect(response.json<ErrorAnswer>().error).toMatchObject({
        code: 'malformed_body',
        message: 'the body is not valid UTF-8',
      })
      expect(await counts()).toEqual(before)
    })

    it.each([
      [
        'text/plain on a JSON route',
        '/api/v1/log',
        'text/plain',
        '{"discipline": "multidisciplinary", "source": "phone", "text": "x"}',
      ],
      ['a form on a JSON route', '/api/v1/log', 'application/x-www-form-urlencoded', 'text=x'],
      ['text/plain on a route without a body', '/api/v1/calendar/feeds', 'text/plain', 'x'],
    ])('answers %s with 415', async (_what, url, type, payload) => {
      const before = await counts()
      const response = await send(officer, {
        method: 'POST',
        url,
        headers: { 'content-type': type },
        payload,
      })
      expect(response.statusCode).toBe(415)
      expect(response.json<ErrorAnswer>().error.code).toBe('unsupported_media_type')
      expect(await counts()).toEqual(before)
    })
  })

  describe('file names', () => {
    const uploads = () => [
      ['an attachment', `/api/v1/log-entries/${entryId}/attachments`] as const,
      ['a plan document', `/api/v1/plans/${planId}/documents`] as const,
    ]
    it.each([
      ['CR LF', 'report%0D%0Aevil.txt'],
      ['a TAB', 'report%09.txt'],
      ['a raw TAB', 'report\t.txt'],
      ['a C0 control', 'report%1B.txt'],
      ['DEL', 'report%7F.txt'],
      ['a C1 control', 'report%C2%9B.txt'],
      ['NUL', 'report%00.txt'],
      ['a broken escape', 'report%zz.txt'],
      ['a truncated UTF-8 escape', 'report%E0%A4%A.txt'],
      ['an empty name', ''],
      ['no name at all', undefined],
    ])('refuses %s in X-Filename for attachments and plan documents', async (_what, name) => {
      for (const [, url] of uploads()) {
        const headers: Record<string, string> = { 'content-type': 'text/plain' }
        if (name !== undefined) headers['x-filename'] = name
        await expectRefused(
          () => send(officer, { method: 'POST', url, headers, payload: 'hello' }),
          'x-filename',
        )
      }
    })

    it('still takes a URI-encoded name with accents and spaces', async () => {
      for (const [, url] of uploads()) {
        const response = await send(officer, {
          method: 'POST',
          url,
          headers: { 'content-type': 'text/plain', 'x-filename': encodeURIComponent('Rapport crue (é).txt') },
          payload: 'hello',
        })
        expect(response.statusCode, response.body).toBe(201)
        expect(response.json<{ fileName: string }>().fileName).toBe('Rapport crue (é).txt')
      }
    })
  })
})
