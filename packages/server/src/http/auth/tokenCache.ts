import type { Logger } from 'pino'
import { listenForChanges } from '../../store/listenForChanges.ts'
import type { Store } from '../../store/openStore.ts'

/** The channel that migration 0027's triggers notify on every change that can make a look-up wrong. */
export const credentialsChannel = 'liaison_credentials'

/** A cached look-up is used for this long at most, notified or not. */
const defaultTtlMs = 10_000

/** The row a token look-up reads; the cache only keeps it, it never reads it itself. */
export interface CachedToken {
  revoked_at: Date | null
  last_used_at: Date | null
}

export interface TokenCache {
  /**
   * The token whose secret hashes to `secretHash`: from the cache while it holds it, else from
   * `load` (kept if it is a token still valid, and if no credential changed while it was read).
   */
  find<T extends CachedToken>(secretHash: string, load: () => Promise<T | undefined>): Promise<T | undefined>
  /** True while look-ups are cached (this process listens for credential changes). */
  readonly live: boolean
  close(): Promise<void>
}

/**
 * Caches API-token look-ups in this process (decision 021), so that a request with a token does
 * not spend a round trip on it. Revocation still takes effect at its commit in every process:
 * each change to a token or its user notifies `liaison_credentials` (migration 0027's triggers,
 * whoever makes it), and every process drops its whole cache when the notification arrives. The
 * cache is used only while this process listens: with no listening connection (PGlite, which is
 * one process; a PostgreSQL connection lost) every request reads the token. A look-up that was
 * under way when a change was notified is not kept (a generation counter), and nothing is kept
 * longer than `ttlMs` in case a notification is lost in a way the connection does not report.
 */
export function tokenCache(
  store: Pick<Store, 'listen'>,
  log: Logger,
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): TokenCache {
  const ttlMs = options.ttlMs ?? defaultTtlMs
  const now = options.now ?? Date.now
  const entries = new Map<string, { readonly token: CachedToken; readonly until: number }>()
  let generation = 0
  const listening = listenForChanges(store, credentialsChannel, log, {
    changed: () => {
      generation++
      entries.clear()
    },
    lostMessage: 'lost the credentials channel; API tokens are read on every request until it is back',
  })

  return {
    get live() {
      return listening.live
    },
    async find<T extends CachedToken>(secretHash: string, load: () => Promise<T | undefined>) {
      if (listening.live) {
        const entry = entries.get(secretHash)
        // the one caller loads one row shape for a hash: what it put here is what it gets back
        if (entry && entry.until > now()) return entry.token as T
        if (entry) entries.delete(secretHash)
      }
      const readAt = generation
      const token = await load()
      if (token && !token.revoked_at && listening.live && readAt === generation)
        entries.set(secretHash, { token, until: now() + ttlMs })
      return token
    },
    close: () => listening.close(),
  }
}
