import type { Result } from '@liaison/core'
import { err, fromBase64url, ok, verifyEvent } from '@liaison/core'
import { FederationNodeDocument } from '@liaison/wire'
import { Value } from 'typebox/value'
import type { SigningCrypto } from '@liaison/core'
import type { NodeDocument } from './nodeDocument.ts'
import { readLimitedText } from '../runtime/readLimitedText.ts'

/** Why a fetched node document is not taken: a closed set, each said in words by `describe`. */
export type NodeDocumentProblem =
  | { readonly problem: 'unreachable'; readonly detail: string }
  | { readonly problem: 'malformed'; readonly detail: string }
  | { readonly problem: 'unknown_key'; readonly keyId: string }
  | { readonly problem: 'bad_signature' }
  | { readonly problem: 'wrong_node'; readonly nodeId: string }

/**
 * Checks a node document against the keys this node holds for the peer (base64url by key id):
 * its shape, that it names the peer, and that its signature verifies with one of those keys. A
 * document signed by a key this node was not given is refused: nothing is trusted on first sight.
 */
export async function checkNodeDocument(
  document: unknown,
  expected: { readonly nodeId: string | null; readonly keys: ReadonlyMap<string, string> },
  crypto: SigningCrypto,
): Promise<Result<NodeDocument, NodeDocumentProblem>> {
  if (!Value.Check(FederationNodeDocument, document)) {
    const first = Value.Errors(FederationNodeDocument, document)[0]
    return err({
      problem: 'malformed',
      detail: first ? `${first.instancePath || '/'} ${first.message}` : 'not a node document',
    })
  }
  const verified = await verifyEvent(
    document,
    (keyId) => {
      const key = expected.keys.get(keyId)
      return key === undefined ? null : fromBase64url(key)
    },
    crypto,
  )
  if (!verified.ok) {
    switch (verified.error) {
      case 'malformed':
        return err({ problem: 'malformed', detail: 'its signature is not well formed' })
      case 'unknown_key':
        return err({ problem: 'unknown_key', keyId: document.sig.keyId })
      case 'bad_signature':
        return err({ problem: 'bad_signature' })
      default: {
        const never: never = verified.error
        return never
      }
    }
  }
  if (expected.nodeId !== null && document.nodeId !== expected.nodeId)
    return err({ problem: 'wrong_node', nodeId: document.nodeId })
  return ok(document)
}

/** The problem in words, for the CLI and the logs. */
export function describeNodeDocumentProblem(p: NodeDocumentProblem): string {
  switch (p.problem) {
    case 'unreachable':
      return `its node document could not be fetched: ${p.detail}`
    case 'malformed':
      return `its node document is malformed: ${p.detail}`
    case 'unknown_key':
      return `its node document is signed with key ${p.keyId}, which is not a key configured for this peer`
    case 'bad_signature':
      return 'its node document does not verify against the key configured for this peer'
    case 'wrong_node':
      return `its URL publishes the node document of node '${p.nodeId}'`
    default: {
      const never: never = p
      return never
    }
  }
}

/** Fetches `baseUrl`/federation/v1/node within `timeoutMs` (2 s unless told); never throws. */
/** A node document is small (a key, a hundred organisations at most): more is refused unread. */
export const maxNodeDocumentBytes = 256 * 1024

export async function fetchNodeDocument(
  baseUrl: string,
  options: { readonly timeoutMs?: number; readonly fetch?: typeof fetch } = {},
): Promise<Result<unknown, NodeDocumentProblem>> {
  const get = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 2000
  const url = `${baseUrl.replace(/\/+$/, '')}/federation/v1/node`
  try {
    const response = await get(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
      redirect: 'error',
    })
    if (!response.ok) return err({ problem: 'unreachable', detail: `${url} answered ${response.status}` })
    const text = await readLimitedText(response, maxNodeDocumentBytes)
    if (text === null)
      return err({
        problem: 'malformed',
        detail: `${url} answered more than ${maxNodeDocumentBytes / 1024} KiB`,
      })
    try {
      return ok(JSON.parse(text) as unknown)
    } catch {
      return err({ problem: 'malformed', detail: `${url} did not answer JSON` })
    }
  } catch (error) {
    const why =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : String((error as Error).cause ?? error)
    return err({ problem: 'unreachable', detail: `${url}: ${why}` })
  }
}
