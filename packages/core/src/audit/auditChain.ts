import { canonicalJson } from '../canonical/canonicalJson.ts'

export type AuditOutcome = 'ok' | 'refused' | 'failed'

/** One audited action or refusal. Rows are hash-chained per node. */
export interface AuditRecord {
  readonly id: string
  readonly at: Date
  readonly actor: string
  readonly orgId: string | null
  readonly action: string
  readonly target: string | null
  readonly outcome: AuditOutcome
  readonly code: string | null
  readonly source: string | null
  readonly details: Readonly<Record<string, unknown>> | null
}

export interface ChainedAuditRecord extends AuditRecord {
  readonly seq: number
  readonly prevHash: string
  readonly hash: string
}

/** SHA-256 as hex, supplied by the host (node:crypto on the server, WebCrypto in a browser). */
export type Sha256Hex = (text: string) => Promise<string>

export const auditGenesisHash = '0'.repeat(64)

/** The exact text hashed for a row: the previous hash, then the row's canonical JSON. */
export function auditHashInput(record: AuditRecord & { readonly seq: number }, prevHash: string): string {
  return `${prevHash}\n${canonicalJson({
    seq: record.seq,
    id: record.id,
    at: record.at.toISOString(),
    actor: record.actor,
    orgId: record.orgId,
    action: record.action,
    target: record.target,
    outcome: record.outcome,
    code: record.code,
    source: record.source,
    details: record.details,
  })}`
}

export type AuditBreak =
  | { readonly kind: 'changed'; readonly seq: number }
  | { readonly kind: 'unlinked'; readonly seq: number }
  | { readonly kind: 'gap'; readonly seq: number; readonly expectedSeq: number }

/**
 * Checks rows given in seq order, continuing from `start` (the genesis, or the last verified
 * row). Returns the first break, or null. A changed row fails its own hash; a deleted row
 * leaves a gap in seq and a broken link; an inserted row breaks the link of the row after it.
 */
export async function findAuditBreak(
  rows: readonly ChainedAuditRecord[],
  sha256: Sha256Hex,
  start: { readonly seq: number; readonly hash: string } = { seq: 0, hash: auditGenesisHash },
): Promise<AuditBreak | null> {
  let prev = start
  for (const row of rows) {
    if (row.seq !== prev.seq + 1) return { kind: 'gap', seq: row.seq, expectedSeq: prev.seq + 1 }
    if (row.prevHash !== prev.hash) return { kind: 'unlinked', seq: row.seq }
    if ((await sha256(auditHashInput(row, row.prevHash))) !== row.hash)
      return { kind: 'changed', seq: row.seq }
    prev = { seq: row.seq, hash: row.hash }
  }
  return null
}
