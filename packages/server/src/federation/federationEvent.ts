import type { StoredEvent } from '@liaison/core'

/**
 * An event as federation carries it, before its origin signs it: the envelope and body as JSON
 * (times as ISO 8601 text), without what only this node means by it: its local `seq` and the
 * `audience` of this node's organisations (decision 032).
 */
export function federationEvent(event: StoredEvent): Record<string, unknown> {
  const { seq: _seq, audience: _audience, ...shared } = event
  return JSON.parse(JSON.stringify(shared)) as Record<string, unknown>
}
