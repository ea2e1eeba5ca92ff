import { describe, expect, it } from 'vitest'
import { startNode } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'

const engines = await testEngines()

describe.each(engines.map((e) => [e.name, e] as const))('rate limits on %s', (_name, engine) => {
  it('counts sign-in attempts in the database: another process (or a restart) goes on counting', async () => {
    const first = await startTestNode(engine)
    const attempt = (node: { app: typeof first.app }, from: string) =>
      node.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'nobody', password: 'guess' },
        remoteAddress: from,
      })
    try {
      for (let i = 0; i < 6; i++) expect((await attempt(first, '10.9.9.9')).statusCode).toBe(401)
      await first.close()
      // the same node started again on the same database: a second process, or a restart
      const second = await startNode({
        config: testConfig(first.storeOptions),
        log: captureLog().log,
        listen: false,
      })
      try {
        const answers: number[] = []
        for (let i = 0; i < 6; i++) answers.push((await attempt(second, '10.9.9.9')).statusCode)
        expect(answers).toEqual([401, 401, 401, 401, 429, 429])
        const refused = await attempt(second, '10.9.9.9')
        expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
          code: 'rate_limited',
          message: expect.stringMatching(/^too many requests; try again in \d+ s$/) as string,
        })
        // another address has its own count
        expect((await attempt(second, '10.9.9.10')).statusCode).toBe(401)
      } finally {
        await second.close()
      }
    } finally {
      await first.dispose()
    }
  })
})
