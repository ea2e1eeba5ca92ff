import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** The most of an answer a federation request reads (a pull of 500 entries fits). */
const maxAnswerBytes = 64 * 1024 * 1024

/**
 * One request to a peer over HTTP or HTTPS (`ca`: the certificates trusted besides the system's),
 * given up after `timeoutMs` or when `signal` aborts. Resolves with the status and the body's text; rejects when there is
 * no answer.
 */
export function federationHttp(request: {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly headers: Record<string, string>
  readonly body?: Uint8Array
  readonly ca?: string | null
  readonly timeoutMs: number
  /** Gives the request up at once (the node is stopping). */
  readonly signal?: AbortSignal
}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url)
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(
      url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          accept: 'application/json',
          ...(request.body ? { 'content-length': String(request.body.length) } : {}),
        },
        timeout: request.timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
        ...(url.protocol === 'https:' && request.ca ? { ca: request.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxAnswerBytes) req.destroy(new Error('the answer is too large'))
          else chunks.push(chunk)
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)))
    req.on('error', reject)
    req.end(request.body ? Buffer.from(request.body) : undefined)
  })
}
