import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startNode, totpCode } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import { makeUser, sessionFromResponse, signedInAs } from '../support/identity.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'

const engines = await testEngines()

describe.each(engines.map((e) => [e.name, e] as const))('secrets at rest on %s', (_name, engine) => {
  const keys = mkdtempSync(join(tmpdir(), 'liaison-keys-'))
  afterAll(() => rmSync(keys, { recursive: true, force: true }))

  it('creates the node key readable by its owner only, and stores one-time code secrets sealed', async () => {
    const keyFile = join(keys, `${engine.name}-sealed.key`)
    const node = await startTestNode(engine, { config: { 'auth.keyFile': keyFile } })
    try {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      // a user enrolling through the API: the secret shown once is not what the database holds
      const account = await makeUser(node, { roles: ['viewer'], enrolled: false })
      const first = await node.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: account.user.username, password: account.password },
      })
      const session = sessionFromResponse(node, first)
      const started = await node.app.inject({
        method: 'POST',
        url: '/api/v1/me/totp/enrolment',
        headers: session.headers(),
      })
      const { secret } = started.json<{ secret: string }>()
      const stored = await node.deps.store.db
        .selectFrom('users')
        .select('totp_secret')
        .where('id', '=', account.user.id)
        .executeTakeFirstOrThrow()
      expect(stored.totp_secret).toMatch(/^v1\./)
      expect(stored.totp_secret).not.toContain(secret)
      const confirmed = await node.app.inject({
        method: 'POST',
        url: '/api/v1/me/totp',
        payload: { code: totpCode(secret, node.deps.clock.now().getTime()) },
        headers: session.headers(),
      })
      expect(confirmed.statusCode).toBe(200)
    } finally {
      await node.dispose()
    }
  })

  it('seals secrets left in the clear at start, and refuses to start with another key', async () => {
    const keyFile = join(keys, `${engine.name}-upgrade.key`)
    const node = await startTestNode(engine, { config: { 'auth.keyFile': keyFile } })
    const someone = await signedInAs(node, ['viewer'])
    // as a node before sealing wrote it
    const plain = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    await node.deps.store.db
      .updateTable('users')
      .set({ totp_secret: plain, totp_last_step: null })
      .where('id', '=', someone.account.user.id)
      .execute()
    await node.close()
    const restart = async () =>
      startNode({
        config: testConfig(node.storeOptions, { 'auth.keyFile': keyFile }),
        log: captureLog().log,
        listen: false,
      })
    try {
      const again = await restart()
      const row = await again.deps.store.db
        .selectFrom('users')
        .select('totp_secret')
        .where('id', '=', someone.account.user.id)
        .executeTakeFirstOrThrow()
      expect(row.totp_secret).toMatch(/^v1\./)
      // the person signs in with the codes of the same secret as before
      const response = await again.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: {
          username: someone.account.user.username,
          password: someone.account.password,
          code: totpCode(plain, again.deps.clock.now().getTime()),
        },
      })
      expect(response.statusCode).toBe(200)
      await again.close()

      writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
      await expect(restart()).rejects.toThrow("does not open with this node's key (auth.keyFile)")
      writeFileSync(keyFile, 'not a key\n', { mode: 0o600 })
      await expect(restart()).rejects.toThrow('it must hold 32 bytes in base64')
    } finally {
      await node.dispose()
    }
  })
})
