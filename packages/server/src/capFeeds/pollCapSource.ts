import { createHash } from 'node:crypto'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { importReceivedAlert } from '../actions/importReceivedAlert.ts'
import type { CapSourceRow } from '../store/alerts/capSourceRows.ts'
import { heldDocuments, recordCapSourcePoll } from '../store/alerts/capSourceRows.ts'
import { fetchCapUrl } from './fetchCapUrl.ts'

export interface PollLimits {
  /** Each request, body included (ms). */
  readonly timeoutMs: number
  /** The largest index feed read. */
  readonly maxFeedBytes: number
  /** The largest CAP document read (at least 1 MiB: embedded audio and images occur). */
  readonly maxDocumentBytes: number
}

export const defaultPollLimits: PollLimits = {
  timeoutMs: 10_000,
  maxFeedBytes: 4 * 1024 * 1024,
  maxDocumentBytes: 1024 * 1024,
}

/** What one poll of a source did. */
export interface PollOutcome {
  readonly outcome: 'unchanged' | 'changed' | 'failed'
  /** Received alerts written. */
  readonly imported: number
  readonly skipped: readonly { readonly url: string; readonly reason: string }[]
  readonly error: string | null
}

/**
 * Polls one CAP source once (decision 031): a conditional GET of its address (a 304, or a body
 * the same as the last, changes nothing); an Atom or RSS index has each linked document not yet
 * held fetched, read leniently and imported through `importReceivedAlert`; an address that is a
 * CAP document is imported itself. An entry that is not CAP 1.2 (or fails the XSD) is skipped with
 * its reason kept on the source. A document that cannot be fetched fails the poll, and the
 * feed's validators are not kept, so that the next poll reads the whole feed again.
 */
export async function pollCapSource(
  deps: ActionDeps,
  source: CapSourceRow,
  limits: PollLimits = defaultPollLimits,
): Promise<PollOutcome> {
  const at = deps.clock.now()
  const failed = async (message: string, answered: boolean): Promise<PollOutcome> => {
    await recordCapSourcePoll(deps.store.db, source.id, {
      last_fetched_at: at,
      ...(answered ? { last_answered_at: at } : {}),
      last_error_at: at,
      last_error: message.slice(0, 500),
    })
    deps.log.warn({ capSource: source.name, error: message }, 'a CAP source failed')
    return { outcome: 'failed', imported: 0, skipped: [], error: message }
  }

  let fetched
  try {
    fetched = await fetchCapUrl(source.url, {
      etag: source.etag,
      lastModified: source.last_modified,
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxFeedBytes,
    })
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error), false)
  }
  const sha256 = fetched.status === 'ok' ? createHash('sha256').update(fetched.bytes).digest('hex') : null
  if (fetched.status === 'not-modified' || sha256 === source.content_sha256) {
    await recordCapSourcePoll(deps.store.db, source.id, { last_fetched_at: at, last_answered_at: at })
    return { outcome: 'unchanged', imported: 0, skipped: [], error: null }
  }

  // loaded at the first poll, not at start: the codec brings libxml2's WebAssembly
  const { readCap, readCapFeed, validateCapXsd } = await import('@liaison/formats/cap')
  const feed = readCapFeed(fetched.bytes)
  if (!feed.ok) return failed(`the feed: ${feed.error}`, true)

  const skipped: { url: string; reason: string }[] = []
  let imported = 0
  let incomplete: string | null = null
  const take = async (url: string, bytes: Uint8Array) => {
    const read = readCap(bytes, { maxBytes: limits.maxDocumentBytes })
    if (!read.ok) {
      skipped.push({ url, reason: read.error.map((p) => `${p.path}: ${p.message}`).join('; ') })
      return
    }
    const problems = validateCapXsd(read.value.text, read.value.namespace)
    if (problems.length > 0) {
      skipped.push({ url, reason: problems.map((p) => `${p.path}: ${p.message}`).join('; ') })
      return
    }
    const done = await importReceivedAlert(deps, {
      read: read.value,
      fileName: url,
      caller: { kind: 'system', label: `cap-source:${source.name}` },
      source: 'cap-poller',
      sourceId: source.id,
    })
    if (done.imported) imported++
  }

  if (feed.value.kind === 'cap') {
    await take(source.url, fetched.bytes)
  } else {
    const urls = [...new Set(feed.value.entries.flatMap((e) => resolved(e.url, source.url, skipped)))]
    const held = await heldDocuments(deps.store.db, urls)
    for (const url of urls.filter((u) => !held.has(u))) {
      try {
        const document = await fetchCapUrl(url, {
          timeoutMs: limits.timeoutMs,
          maxBytes: limits.maxDocumentBytes,
        })
        if (document.status === 'ok') await take(url, document.bytes)
      } catch (error) {
        incomplete ??= `${url}: ${error instanceof Error ? error.message : String(error)}`
      }
    }
  }

  await recordCapSourcePoll(deps.store.db, source.id, {
    last_fetched_at: at,
    last_answered_at: at,
    last_changed_at: at,
    skipped: JSON.stringify(skipped.slice(0, 100)),
    ...(incomplete === null
      ? { etag: fetched.etag, last_modified: fetched.lastModified, content_sha256: sha256 }
      : {
          etag: null,
          last_modified: null,
          content_sha256: null,
          last_error_at: at,
          last_error: incomplete.slice(0, 500),
        }),
  })
  if (incomplete !== null)
    deps.log.warn({ capSource: source.name, error: incomplete }, 'a CAP document could not be fetched')
  return { outcome: incomplete === null ? 'changed' : 'failed', imported, skipped, error: incomplete }
}

/** An entry's address against the feed's; only http(s) documents are fetched. */
function resolved(url: string, base: string, skipped: { url: string; reason: string }[]): string[] {
  let address: URL
  try {
    address = new URL(url, base)
  } catch {
    skipped.push({ url, reason: 'not an address' })
    return []
  }
  if (address.protocol !== 'http:' && address.protocol !== 'https:') {
    skipped.push({ url, reason: 'not an http or https address' })
    return []
  }
  address.hash = ''
  return [address.href]
}
