import { canonicalJson } from '../canonical/canonicalJson.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'

/**
 * A checkpoint of a node's audit chain: the node says, under its Ed25519 signing key, that at
 * `at` its chain ended at row `seq` with hash `hash`. Kept outside the database (and later
 * countersigned by peers), it lets `audit verify` see a cut tail or a rewritten chain whose
 * hashes were all recomputed, which the chain alone cannot show.
 */
export interface AuditCheckpoint {
  readonly nodeId: string
  readonly seq: number
  readonly hash: string
  /** ISO 8601, UTC, as `Date.toISOString()` writes it. */
  readonly at: string
  /** SHA-256 (hex) of the raw 32-byte Ed25519 public key that signs it. */
  readonly keyFingerprint: string
}

export interface SignedAuditCheckpoint extends AuditCheckpoint {
  /** Ed25519 signature (base64) of `checkpointSigningInput(checkpoint)`. */
  readonly signature: string
}

/** The purpose is signed with the checkpoint, so the signature cannot be passed off as another message. */
export const auditCheckpointPurpose = 'liaison.audit-checkpoint.v1'

/** The exact bytes signed: the canonical JSON (RFC 8785) of the checkpoint and its purpose. */
export function checkpointSigningInput(checkpoint: AuditCheckpoint): string {
  return canonicalJson({
    purpose: auditCheckpointPurpose,
    nodeId: checkpoint.nodeId,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    at: checkpoint.at,
    keyFingerprint: checkpoint.keyFingerprint,
  })
}

/** One line of the checkpoint file: the signed checkpoint as canonical JSON, then a newline. */
export function checkpointLine(checkpoint: SignedAuditCheckpoint): string {
  return `${canonicalJson({
    nodeId: checkpoint.nodeId,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    at: checkpoint.at,
    keyFingerprint: checkpoint.keyFingerprint,
    signature: checkpoint.signature,
  })}\n`
}

const hex64 = /^[0-9a-f]{64}$/
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const base64 = /^[A-Za-z0-9+/]+={0,2}$/

export type CheckpointLineRefusal = 'not_json' | 'wrong_shape'

/** Reads one line of the checkpoint file. Anything but a well-formed checkpoint is refused. */
export function parseCheckpointLine(line: string): Result<SignedAuditCheckpoint, CheckpointLineRefusal> {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return err('not_json')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return err('wrong_shape')
  const v = value as Record<string, unknown>
  const { nodeId, seq, hash, at, keyFingerprint, signature } = v
  if (
    Object.keys(v).length !== 6 ||
    typeof nodeId !== 'string' ||
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq) ||
    seq < 1 ||
    typeof hash !== 'string' ||
    !hex64.test(hash) ||
    typeof at !== 'string' ||
    !isoInstant.test(at) ||
    Number.isNaN(Date.parse(at)) ||
    typeof keyFingerprint !== 'string' ||
    !hex64.test(keyFingerprint) ||
    typeof signature !== 'string' ||
    !base64.test(signature)
  )
    return err('wrong_shape')
  return ok({ nodeId, seq, hash, at, keyFingerprint, signature })
}

/** A line of the file that parsed, with its line number (from 1). */
export interface CheckpointEntry {
  readonly line: number
  readonly checkpoint: SignedAuditCheckpoint
}

/** Splits the checkpoint file into the checkpoints it holds and the numbers of the lines that are not one. */
export function parseCheckpointFile(text: string): {
  readonly entries: readonly CheckpointEntry[]
  readonly malformed: readonly { readonly line: number; readonly reason: CheckpointLineRefusal }[]
} {
  const entries: CheckpointEntry[] = []
  const malformed: { line: number; reason: CheckpointLineRefusal }[] = []
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    const parsed = parseCheckpointLine(raw)
    if (parsed.ok) entries.push({ line: index + 1, checkpoint: parsed.value })
    else malformed.push({ line: index + 1, reason: parsed.error })
  })
  return { entries, malformed }
}

export type CheckpointSkip =
  /** The chain has no row yet. */
  | 'empty'
  /** The head is where the latest checkpoint left it. */
  | 'unchanged'
  /** The head is before the latest checkpoint: rows were cut. Never sign that. */
  | 'behind'
  /** The row at the latest checkpoint's seq has another hash than the one signed: the chain was rewritten. */
  | 'forked'

/**
 * Whether the node should sign a checkpoint of `head`, given the latest one it signed and the
 * hash that the row at that checkpoint's seq has in the chain now (null when there is no such row).
 */
export function shouldCheckpoint(
  head: { readonly seq: number; readonly hash: string },
  latest: AuditCheckpoint | null,
  hashAtLatest: string | null,
): Result<true, CheckpointSkip> {
  if (head.seq < 1) return err('empty')
  if (!latest) return ok(true)
  if (head.seq < latest.seq) return err('behind')
  if (hashAtLatest !== latest.hash) return err('forked')
  if (head.seq === latest.seq) return err('unchanged')
  return ok(true)
}

/** What is wrong between a chain and its checkpoints. Lines are numbered from 1. */
export type CheckpointProblem =
  /** There is no checkpoint at all, though the chain has rows: nothing anchors it. */
  | { readonly kind: 'no_checkpoints' }
  | { readonly kind: 'malformed'; readonly line: number; readonly reason: CheckpointLineRefusal }
  | { readonly kind: 'other_node'; readonly line: number; readonly nodeId: string }
  /** Signed by another key than the one verified against (a replaced or rotated key). */
  | {
      readonly kind: 'other_key'
      readonly line: number
      readonly at: string
      readonly keyFingerprint: string
    }
  | { readonly kind: 'bad_signature'; readonly line: number; readonly at: string; readonly seq: number }
  /** A checkpoint covers fewer rows than one signed before it. */
  | {
      readonly kind: 'backwards'
      readonly line: number
      readonly at: string
      readonly seq: number
      readonly previousSeq: number
    }
  /** The chain ends before the latest checkpoint's row: rows `chainEnd + 1 .. seq` were cut. */
  | {
      readonly kind: 'cut'
      readonly line: number
      readonly at: string
      readonly seq: number
      readonly chainEnd: number
    }
  /**
   * The row at a checkpoint's seq has another hash than the one signed: a row after
   * `sinceSeq` (the latest earlier checkpoint that still matches, or 0) and up to `seq` was
   * changed, and every later hash recomputed.
   */
  | {
      readonly kind: 'row_changed'
      readonly line: number
      readonly at: string
      readonly seq: number
      readonly sinceSeq: number
    }
  /** The row at a checkpoint's seq is not in the table, though the chain goes further. */
  | { readonly kind: 'row_missing'; readonly line: number; readonly at: string; readonly seq: number }

export interface CheckpointCheck {
  readonly nodeId: string
  /** The fingerprint of the public key checked against. */
  readonly keyFingerprint: string
  /** Checks an Ed25519 signature (base64) of a text with that key; supplied by the host. */
  readonly signatureValid: (text: string, signature: string) => boolean
  /** The last row of the chain (0 for an empty chain). */
  readonly chainEnd: number
  /** The hash of each row at a checkpoint's seq that exists in the table. */
  readonly rowHashes: ReadonlyMap<number, string>
}

/**
 * Checks the chain against its checkpoints: each is this node's, signed by its key, never
 * behind the one before; the chain reaches the latest; the row at each has the signed hash.
 * Returns every problem found, in file order (the cut, if any, last).
 */
export function checkAuditCheckpoints(
  file: ReturnType<typeof parseCheckpointFile>,
  check: CheckpointCheck,
): CheckpointProblem[] {
  const byLine: { line: number; problem: CheckpointProblem }[] = file.malformed.map((m) => ({
    line: m.line,
    problem: { kind: 'malformed', line: m.line, reason: m.reason },
  }))
  const trusted: CheckpointEntry[] = []
  for (const entry of file.entries) {
    const { line, checkpoint: c } = entry
    if (c.nodeId !== check.nodeId)
      byLine.push({ line, problem: { kind: 'other_node', line, nodeId: c.nodeId } })
    else if (c.keyFingerprint !== check.keyFingerprint)
      byLine.push({ line, problem: { kind: 'other_key', line, at: c.at, keyFingerprint: c.keyFingerprint } })
    else if (!check.signatureValid(checkpointSigningInput(c), c.signature))
      byLine.push({ line, problem: { kind: 'bad_signature', line, at: c.at, seq: c.seq } })
    else trusted.push(entry)
  }

  let highest: CheckpointEntry | null = null
  const matching: number[] = []
  for (const entry of trusted) {
    const { line, checkpoint: c } = entry
    if (highest && c.seq < highest.checkpoint.seq)
      byLine.push({
        line,
        problem: { kind: 'backwards', line, at: c.at, seq: c.seq, previousSeq: highest.checkpoint.seq },
      })
    if (!highest || c.seq > highest.checkpoint.seq) highest = entry
    if (c.seq > check.chainEnd) continue
    const hash = check.rowHashes.get(c.seq)
    if (hash === undefined)
      byLine.push({ line, problem: { kind: 'row_missing', line, at: c.at, seq: c.seq } })
    else if (hash !== c.hash)
      byLine.push({
        line,
        problem: {
          kind: 'row_changed',
          line,
          at: c.at,
          seq: c.seq,
          sinceSeq: matching.reduce((best, s) => (s < c.seq && s > best ? s : best), 0),
        },
      })
    else matching.push(c.seq)
  }
  const problems = byLine.sort((a, b) => a.line - b.line).map((p) => p.problem)

  if (highest && highest.checkpoint.seq > check.chainEnd)
    problems.push({
      kind: 'cut',
      line: highest.line,
      at: highest.checkpoint.at,
      seq: highest.checkpoint.seq,
      chainEnd: check.chainEnd,
    })
  if (file.entries.length === 0 && file.malformed.length === 0 && check.chainEnd > 0)
    problems.push({ kind: 'no_checkpoints' })
  return problems
}
