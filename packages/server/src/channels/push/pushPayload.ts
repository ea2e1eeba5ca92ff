import type { PushMessage } from '../Channel.ts'
import { textDirection } from '../textDirection.ts'

/** What the service worker (`packages/web/public/alert-sw.js`) receives and shows. */
export interface PushPayload {
  readonly title: string
  readonly body: string
  readonly url: string | null
  readonly lang: string
  readonly dir: 'ltr' | 'rtl'
}

/**
 * Push services take 4096 bytes of encrypted record; RFC 8291 leaves 3993 for the payload.
 * We keep under 3800 bytes of JSON, shortening the body (with an ellipsis) when it is longer.
 */
export const maxPayloadBytes = 3800

export function pushPayload(message: PushMessage): string {
  const payload = (body: string): PushPayload => ({
    title: message.title,
    body,
    url: message.url ?? null,
    lang: message.language,
    dir: textDirection(message.language),
  })
  let body = message.text
  let json = JSON.stringify(payload(body))
  while (Buffer.byteLength(json) > maxPayloadBytes && body.length > 0) {
    const over = Buffer.byteLength(json) - maxPayloadBytes
    body = [...body].slice(0, -Math.max(1, Math.ceil(over / 4)) - 1).join('')
    json = JSON.stringify(payload(`${body}…`))
  }
  return json
}
