import type { CheckpointProblem, Sha256Hex } from '@liaison/core'
import { checkAuditCheckpoints, parseCheckpointFile } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { NodePublicKey } from '../auth/loadSigningKey.ts'
import type { Database } from '../store/schema.ts'
import type { AuditVerification } from '../store/audit/auditLog.ts'
import { verifyAuditChain } from '../store/audit/auditLog.ts'
import { readCheckpointFile } from './checkpointFile.ts'
import { auditChainEnd, auditHashesAt } from '../store/audit/auditRows.ts'

export interface CheckpointVerification {
  readonly file: string
  /** False when there is no checkpoint file at all. */
  readonly found: boolean
  /** The lines that hold a checkpoint (good or bad). */
  readonly checkpoints: number
  /** The last row of the chain in the table. */
  readonly chainEnd: number
  readonly keyFingerprint: string
  readonly problems: readonly CheckpointProblem[]
}

/** Checks the chain in the table against the signed checkpoints in `file`. */
export async function verifyAuditCheckpoints(
  db: Kysely<Database>,
  options: { readonly file: string; readonly nodeId: string; readonly key: NodePublicKey },
): Promise<CheckpointVerification> {
  const text = await readCheckpointFile(options.file)
  const parsed = parseCheckpointFile(text ?? '')
  const chainEnd = await auditChainEnd(db)
  const wanted = [...new Set(parsed.entries.map((e) => e.checkpoint.seq))].filter((s) => s <= chainEnd)
  const rowHashes = await auditHashesAt(db, wanted)
  const problems = checkAuditCheckpoints(parsed, {
    nodeId: options.nodeId,
    keyFingerprint: options.key.fingerprint,
    signatureValid: (input, signature) => options.key.verify(input, signature),
    chainEnd,
    rowHashes,
  })
  return {
    file: options.file,
    found: text !== null,
    checkpoints: parsed.entries.length + parsed.malformed.length,
    chainEnd,
    keyFingerprint: options.key.fingerprint,
    problems,
  }
}

export interface AuditVerificationWithCheckpoints {
  readonly ok: boolean
  readonly chain: AuditVerification
  readonly checkpoints: CheckpointVerification
}

/** What `liaison audit verify` runs: the chain on its own, then the chain against its checkpoints. */
export async function verifyAudit(
  db: Kysely<Database>,
  sha256: Sha256Hex,
  options: { readonly file: string; readonly nodeId: string; readonly key: NodePublicKey },
): Promise<AuditVerificationWithCheckpoints> {
  const chain = await verifyAuditChain(db, sha256)
  const checkpoints = await verifyAuditCheckpoints(db, options)
  return { ok: chain.ok && checkpoints.problems.length === 0, chain, checkpoints }
}
