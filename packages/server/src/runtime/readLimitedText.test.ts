import { describe, expect, it } from 'vitest'
import { readLimitedText } from './readLimitedText.ts'

/** A response whose body comes in `count` chunks of `size` bytes, counting what was pulled. */
function chunked(count: number, size: number, headers: Record<string, string> = {}) {
  let pulled = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === count) return controller.close()
      pulled += 1
      controller.enqueue(new Uint8Array(size).fill(0x61))
    },
  })
  return { response: new Response(body, { headers }), pulled: () => pulled }
}

describe('readLimitedText', () => {
  it('reads a body up to the limit whole', async () => {
    const { response } = chunked(4, 256)
    expect(await readLimitedText(response, 1024)).toBe('a'.repeat(1024))
  })

  it('stops reading a body as soon as it passes the limit', async () => {
    const { response, pulled } = chunked(1_000, 1024)
    expect(await readLimitedText(response, 4096)).toBeNull()
    expect(pulled()).toBeLessThan(10)
  })

  it('refuses a declared length over the limit without reading', async () => {
    const { response, pulled } = chunked(1, 10, { 'content-length': '999999' })
    expect(await readLimitedText(response, 1024)).toBeNull()
    expect(pulled()).toBe(0)
  })
})
