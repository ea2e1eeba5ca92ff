import { describe, expect, it } from 'vitest'
import type { PushMessage } from '../Channel.ts'
import { maxPayloadBytes, pushPayload } from './pushPayload.ts'

const message: PushMessage = {
  channel: 'push',
  id: '0190aaaa-0000-7000-8000-000000000000',
  to: { endpoint: 'https://push.example/1', keys: { p256dh: 'x', auth: 'y' } },
  language: 'fr-BE',
  title: 'Alerte',
  text: 'Restez à l’intérieur.',
  url: 'https://alert.example/a/1',
}

describe('pushPayload', () => {
  it('carries the title, body, address, language and direction', () => {
    expect(JSON.parse(pushPayload(message))).toEqual({
      title: 'Alerte',
      body: 'Restez à l’intérieur.',
      url: 'https://alert.example/a/1',
      lang: 'fr-BE',
      dir: 'ltr',
    })
    expect(JSON.parse(pushPayload({ ...message, language: 'ar', url: undefined }))).toMatchObject({
      url: null,
      dir: 'rtl',
    })
  })

  it('shortens a long body with an ellipsis to fit a push message, whole characters only', () => {
    for (const text of ['a'.repeat(10_000), 'é'.repeat(3000), '🚨'.repeat(2000), '"\\'.repeat(2000)]) {
      const json = pushPayload({ ...message, text })
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(maxPayloadBytes)
      const body = (JSON.parse(json) as { body: string }).body
      expect(body.endsWith('…')).toBe(true)
      expect(text.startsWith(body.slice(0, -1))).toBe(true)
      expect(Buffer.byteLength(json)).toBeGreaterThan(maxPayloadBytes - 64)
    }
  })
})
