/** What a conditional request learnt: the body (under the size limit), or that nothing changed. */
export type Fetched =
  | { readonly status: 'not-modified' }
  | {
      readonly status: 'ok'
      readonly bytes: Uint8Array
      readonly etag: string | null
      readonly lastModified: string | null
    }

export interface FetchCapOptions {
  /** The validators of the last answer: sent as If-None-Match and If-Modified-Since. */
  readonly etag?: string | null
  readonly lastModified?: string | null
  /** The whole request, body included (ms). */
  readonly timeoutMs: number
  /** The largest body read; a larger one fails the request without being read further. */
  readonly maxBytes: number
}

/** A request that got no usable answer: no connection, a timeout, an error status, too large. */
export class FetchFailed extends Error {}

/**
 * GETs a CAP feed or document over http(s) (decision 031): conditionally when validators are
 * given (a 304 changes nothing), within a timeout that covers the body, reading at most
 * `maxBytes` (a declared Content-Length over it is refused before the body is read).
 */
export async function fetchCapUrl(url: string, options: FetchCapOptions): Promise<Fetched> {
  const headers: Record<string, string> = {
    accept:
      'application/cap+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5',
    'user-agent': 'Liaison CAP reader',
  }
  if (options.etag) headers['if-none-match'] = options.etag
  if (options.lastModified) headers['if-modified-since'] = options.lastModified
  const signal = AbortSignal.timeout(options.timeoutMs)
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' })
    if (response.status === 304) {
      await response.body?.cancel()
      return { status: 'not-modified' }
    }
    if (response.status !== 200) {
      await response.body?.cancel()
      throw new FetchFailed(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
    }
    const declared = Number(response.headers.get('content-length'))
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel()
      throw new FetchFailed(`${declared} bytes, at most ${options.maxBytes}`)
    }
    const bytes = await readLimited(response, options.maxBytes)
    return {
      status: 'ok',
      bytes,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    }
  } catch (error) {
    if (error instanceof FetchFailed) throw error
    if (signal.aborted) throw new FetchFailed(`no answer within ${options.timeoutMs} ms`)
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
    throw new FetchFailed(`${error instanceof Error ? error.message : String(error)}${cause}`)
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  // leaving the loop early cancels the stream: the rest of an oversized body is never read
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > maxBytes) throw new FetchFailed(`over ${maxBytes} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
