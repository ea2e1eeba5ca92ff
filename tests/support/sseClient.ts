/** One Server-Sent Event as received. */
export interface SseMessage {
  readonly id: string | undefined
  readonly event: string
  readonly data: string
}

/** A minimal SSE reader over fetch, for tests: collects messages and waits for the ones it needs. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  })
  if (!response.ok || !response.body)
    throw new Error(`stream answered ${response.status}: ${await response.text()}`)
  const messages: SseMessage[] = []
  const waiters = new Set<() => void>()
  let comments = 0
  const reading = (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let id: string | undefined
          let event = 'message'
          const data: string[] = []
          let isComment = true
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue
            isComment = false
            const [field, ...rest] = line.split(':')
            const value = rest.join(':').replace(/^ /, '')
            if (field === 'id') id = value
            else if (field === 'event') event = value
            else if (field === 'data') data.push(value)
          }
          if (isComment) comments++
          else if (data.length > 0) messages.push({ id, event, data: data.join('\n') })
          for (const wake of waiters) wake()
        }
      }
    } catch {
      // aborted by close()
    }
  })()
  return {
    response,
    messages,
    get comments() {
      return comments
    },
    /** Resolves once `count` data messages have arrived, or fails after `ms`. */
    async waitFor(count: number, ms = 10_000): Promise<SseMessage[]> {
      const deadline = Date.now() + ms
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`only ${messages.length} of ${count} events arrived within ${ms} ms`)
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake)
            resolve()
          }
          waiters.add(wake)
          setTimeout(wake, 100)
        })
      }
      return messages.slice(0, count)
    },
    async close() {
      controller.abort()
      await reading
    },
  }
}
