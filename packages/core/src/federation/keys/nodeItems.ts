import type { DirectoryOrganisation } from '../admission/FederationDirectory.ts'

/**
 * The kinds of event a node writes about itself for its peers: its new key, its organisations.
 * They go to every peer whatever its policy, and a receiver takes them whatever its policy for
 * the sender (decision 045): they say who the node is, not what it shares.
 */
export const nodeItemKinds = ['node.key-rotated', 'node.organisations-published'] as const
export type NodeItemKind = (typeof nodeItemKinds)[number]

/** Is this (federation form of an) event one of a node's items about itself? */
export function isNodeItem(event: Readonly<Record<string, unknown>>): boolean {
  const distribution = event['distribution'] as { kind?: unknown } | null | undefined
  return nodeItemKinds.some((k) => k === event['kind']) && distribution?.kind === 'federation'
}

/** An organisation as a node publishes it to its peers (its node document, its published list). */
export interface PublishedOrganisation extends Omit<DirectoryOrganisation, 'nodeId'> {
  /** 1 until an organisation can change what it publishes. */
  readonly version: number
}
