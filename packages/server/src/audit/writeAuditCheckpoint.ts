import type { CheckpointSkip, Result, SignedAuditCheckpoint } from '@liaison/core'
import { checkpointSigningInput, err, ok, shouldCheckpoint } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { NodeSigningKey } from '../auth/loadSigningKey.ts'
import type { Clock } from '../runtime/Clock.ts'
import type { Database } from '../store/schema.ts'
import type { CheckpointWitness } from './CheckpointWitness.ts'
import { lockAuditHead } from '../store/audit/auditLog.ts'
import { auditHashAt } from '../store/audit/auditRows.ts'
import { appendCheckpoint, latestCheckpoint } from './checkpointFile.ts'

export interface CheckpointDeps {
  readonly db: Kysely<Database>
  readonly nodeId: string
  readonly key: NodeSigningKey
  readonly clock: Clock
  /** The append-only checkpoint file (`audit.checkpointFile`). */
  readonly file: string
  readonly witness: CheckpointWitness
  readonly log: Logger
}

/**
 * Signs a checkpoint of the audit head and appends it to the checkpoint file, unless the head
 * has not moved since the latest one, or the chain no longer holds the row that one signed (it
 * was cut or rewritten: the node refuses to sign it). Holds the head lock meanwhile, so checkpoints of the node's processes
 * reach the file in the order of the chain.
 */
export async function writeAuditCheckpoint(
  deps: CheckpointDeps,
): Promise<Result<SignedAuditCheckpoint, CheckpointSkip>> {
  const written = await deps.db.transaction().execute(async (tx) => {
    const head = await lockAuditHead(tx)
    const latest = await latestCheckpoint(deps.file, deps.nodeId, deps.key)
    const atLatest = latest ? await auditHashAt(tx, latest.seq) : null
    const decision = shouldCheckpoint(head, latest, atLatest)
    if (!decision.ok) return err(decision.error)
    const checkpoint = {
      nodeId: deps.nodeId,
      seq: head.seq,
      hash: head.hash,
      at: deps.clock.now().toISOString(),
      keyFingerprint: deps.key.fingerprint,
    }
    const signed: SignedAuditCheckpoint = {
      ...checkpoint,
      signature: deps.key.sign(checkpointSigningInput(checkpoint)),
    }
    await appendCheckpoint(deps.file, signed)
    return ok(signed)
  })
  if (!written.ok) {
    if (written.error === 'behind' || written.error === 'forked')
      deps.log.error(
        { file: deps.file, problem: written.error },
        'the audit head is not where the latest checkpoint left it: run liaison audit verify',
      )
    return written
  }
  deps.log.info({ seq: written.value.seq, file: deps.file }, 'audit checkpoint signed')
  try {
    await deps.witness.witness(written.value)
  } catch (error) {
    deps.log.warn({ err: error }, 'the audit checkpoint was not handed to its witnesses')
  }
  return written
}
