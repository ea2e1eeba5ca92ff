import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { CachedToken } from './tokenCache.ts'
import { credentialsChannel, tokenCache } from './tokenCache.ts'

/** A store whose credentials channel the test drives: notify, lose the connection. */
function fakeStore() {
  let notify: ((channel: string) => void) | null = null
  let lose: ((error: Error) => void) | null = null
  let opened = 0
  return {
    store: {
      async listen(
        channel: string | readonly string[],
        onNotify: (c: string) => void,
        onLost: (e: Error) => void,
      ) {
        expect(channel).toBe(credentialsChannel)
        opened++
        notify = onNotify
        lose = onLost
        return { async close() {} }
      },
    },
    notify: () => notify?.(credentialsChannel),
    lose: () => lose?.(new Error('gone')),
    opened: () => opened,
  }
}

const log = pino({ level: 'silent' })
const row = (): CachedToken & { id: string } => ({ id: 't1', revoked_at: null, last_used_at: null })
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('tokenCache', () => {
  it('reads a token once while nothing changes, and again after a credential change is notified', async () => {
    const fake = fakeStore()
    const cache = tokenCache(fake.store, log)
    await settle()
    expect(cache.live).toBe(true)
    let reads = 0
    const load = async () => (reads++, row())
    await cache.find('h', load)
    await cache.find('h', load)
    expect(reads).toBe(1)
    fake.notify()
    await cache.find('h', load)
    expect(reads).toBe(2)
    await cache.close()
  })

  it('does not keep a look-up that a change overtook, nor a revoked or unknown token', async () => {
    const fake = fakeStore()
    const cache = tokenCache(fake.store, log)
    await settle()
    let reads = 0
    await cache.find('h', async () => {
      reads++
      fake.notify() // revoked while this request read the row
      return row()
    })
    await cache.find('h', async () => (reads++, row()))
    expect(reads).toBe(2)
    for (let i = 0; i < 2; i++)
      await cache.find('r', async () => (reads++, { ...row(), revoked_at: new Date() }))
    for (let i = 0; i < 2; i++) await cache.find('u', async () => (reads++, undefined))
    expect(reads).toBe(6)
    await cache.close()
  })

  it('reads every time without a listening connection, and expires what it holds', async () => {
    let clock = 0
    const fake = fakeStore()
    const cache = tokenCache(fake.store, log, { ttlMs: 1_000, now: () => clock })
    await settle()
    let reads = 0
    const load = async () => (reads++, row())
    await cache.find('h', load)
    clock = 999
    await cache.find('h', load)
    expect(reads).toBe(1)
    clock = 1_000
    await cache.find('h', load)
    expect(reads).toBe(2)
    fake.lose()
    expect(cache.live).toBe(false)
    await cache.find('h', load)
    await cache.find('h', load)
    expect(reads).toBe(4)
    await cache.close()

    const none = tokenCache({}, log) // PGlite: one process, no channel
    await settle()
    expect(none.live).toBe(false)
    await none.find('h', load)
    await none.find('h', load)
    expect(reads).toBe(6)
    await none.close()
  })
})
