import type { Logger } from 'pino'
import type { Store } from './openStore.ts'

/** A channel this process listens on, again and again if the connection is lost. */
export interface ChangeListening {
  /** True while the channel is listened on: only then may what it invalidates be cached. */
  readonly live: boolean
  close(): Promise<void>
}

/**
 * Listens on a PostgreSQL notification channel for as long as it is not closed, calling
 * `changed` for each notification and, whenever listening starts or stops, `changed` too (what
 * was kept before is not trusted); a lost connection is logged and listened again after a
 * back-off (0.5 s doubling to 30 s). With no `listen` (PGlite) it never goes live. The token cache
 * (decision 021) and the organisations cache stand on it.
 */
export function listenForChanges(
  store: Pick<Store, 'listen'>,
  channel: string,
  log: Logger,
  options: { readonly changed: () => void; readonly lostMessage: string },
): ChangeListening {
  let live = false
  let closed = false
  let listening: { close(): Promise<void> } | null = null
  let backoffMs = 500
  let retry: NodeJS.Timeout | null = null

  const connect = async (): Promise<void> => {
    const listen = store.listen
    if (!listen || closed) return
    try {
      const opened = await listen.call(store, channel, options.changed, (error) => {
        log.warn({ err: error, channel }, options.lostMessage)
        live = false
        listening = null
        options.changed()
        again()
      })
      if (closed) {
        await opened.close()
        return
      }
      listening = opened
      backoffMs = 500
      // what was read before the channel listened is not trusted
      options.changed()
      live = true
    } catch (error) {
      log.warn({ err: error, channel }, 'cannot listen on a change channel; retrying')
      again()
    }
  }
  const again = () => {
    if (closed || retry) return
    retry = setTimeout(() => {
      retry = null
      void connect()
    }, backoffMs)
    retry.unref()
    backoffMs = Math.min(backoffMs * 2, 30_000)
  }
  void connect()

  return {
    get live() {
      return live
    },
    async close() {
      closed = true
      live = false
      if (retry) clearTimeout(retry)
      options.changed()
      await listening?.close()
      listening = null
    },
  }
}
