import type { Command } from 'commander'
import type { AuditVerification, NodePublicKey } from '@liaison/server'
import { LiaisonError } from '@liaison/core'
import {
  findSigningKey,
  loadSigningKey,
  noWitness,
  parsePublicKey,
  readCheckpointFile,
  sha256Hex,
  systemClock,
  verifyAudit,
  writeAuditCheckpoint,
} from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { describeCheckpointProblem } from '../describeCheckpointProblem.ts'
import { withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

/** At most this many checkpoint problems are spelled out; the rest are counted. */
const listed = 20

export function auditCommand(program: Command, context: CliContext): void {
  const audit = program.command('audit').description("the node's hash-chained audit log")
  withConfigFlags(
    audit
      .command('verify')
      .description(
        'check every row of the chain, and the chain against the signed checkpoints; names the first broken row and every checkpoint it does not match',
      )
      .option(
        '--public-key <base64>',
        "check the checkpoints with this Ed25519 public key (as liaison node key prints it) instead of the node's key file",
      ),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const key = await publicKeyFor(options['publicKey'], config)
    const result = await withStore(context, config, (deps) =>
      verifyAudit(deps.store.db, sha256Hex, {
        file: config.audit.checkpointFile,
        nodeId: config.node.id,
        key,
      }),
    )
    if (result.ok && result.chain.ok) {
      const latest = result.checkpoints
      context.out.write(
        `audit chain intact: ${result.chain.rows} rows, head ${result.chain.head}\n` +
          (latest.checkpoints > 0
            ? `checkpoints match: ${latest.checkpoints} in ${latest.file}, signed by ${latest.keyFingerprint}\n`
            : ''),
      )
      return
    }
    const lines = [
      result.chain.ok
        ? `audit chain intact on its own: ${result.chain.rows} rows, head ${result.chain.head}`
        : chainBroken(result.chain),
    ]
    const problems = result.checkpoints.problems
    if (problems.length > 0) {
      lines.push(`the chain does not match its signed checkpoints in ${result.checkpoints.file}:`)
      for (const problem of problems.slice(0, listed))
        lines.push(`  - ${describeCheckpointProblem(problem, result.checkpoints)}`)
      if (problems.length > listed) lines.push(`  … and ${problems.length - listed} more`)
    }
    throw new LiaisonError('integrity_failed', `${lines.join('\n')}\n${whatToDo}`, {
      chain: result.chain.ok ? null : result.chain.problem,
      checkpoints: problems,
    })
  })

  withConfigFlags(
    audit
      .command('checkpoint')
      .description(
        'sign a checkpoint of the audit head now and append it to the checkpoint file (the node does so itself every audit.checkpointSeconds and when it stops)',
      ),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const { key } = await loadSigningKey(config.auth.signingKeyFile)
    const written = await withStore(context, config, (deps) =>
      writeAuditCheckpoint({
        db: deps.store.db,
        nodeId: config.node.id,
        key,
        clock: systemClock,
        file: config.audit.checkpointFile,
        witness: noWitness,
        log: deps.log,
      }),
    )
    if (written.ok) {
      const c = written.value
      context.out.write(
        `checkpoint signed: row ${c.seq}, hash ${c.hash}, at ${c.at}, appended to ${config.audit.checkpointFile}\n`,
      )
      return
    }
    switch (written.error) {
      case 'empty':
        context.out.write('the audit chain has no row yet: nothing to sign\n')
        return
      case 'unchanged':
        context.out.write('the audit head has not moved since the latest checkpoint: nothing to sign\n')
        return
      case 'behind':
      case 'forked':
        throw new LiaisonError(
          'integrity_failed',
          `${written.error === 'behind' ? 'the audit ends before the row of the latest checkpoint' : 'the row of the latest checkpoint has another hash than the one signed'}: not signing this chain; run liaison audit verify`,
        )
      default: {
        const never: never = written.error
        throw new Error(String(never))
      }
    }
  })

  const checkpoints = audit.command('checkpoints').description('the signed checkpoints of the audit head')
  withConfigFlags(
    checkpoints
      .command('export')
      .description(
        'print every signed checkpoint, one JSON line each, to keep a copy off this machine (liaison audit verify --checkpoint-file <copy> checks against it)',
      ),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const text = await readCheckpointFile(config.audit.checkpointFile)
    if (text === null)
      throw new LiaisonError('not_found', `there is no checkpoint file at ${config.audit.checkpointFile}`)
    context.out.write(text)
  })
}

const whatToDo =
  'Compare with a copy of the checkpoints kept off this machine, stop writing to this node, and see docs/operations.md (when audit verify fails).'

/** A node that never started has neither key nor checkpoints: verify then says that nothing anchors the chain. */
const noKey: NodePublicKey = { publicKey: '', fingerprint: '', keyId: '', verify: () => false }

async function publicKeyFor(
  given: unknown,
  config: { auth: { signingKeyFile: string }; audit: { checkpointFile: string } },
): Promise<NodePublicKey> {
  const signingKeyFile = config.auth.signingKeyFile
  if (typeof given === 'string') {
    const key = parsePublicKey(given)
    if (!key)
      throw new LiaisonError(
        'usage',
        '--public-key must be 32 bytes in base64, as liaison node key prints it',
      )
    return key
  }
  const key = await findSigningKey(signingKeyFile)
  if (!key && (await readCheckpointFile(config.audit.checkpointFile)) === null) return noKey
  if (!key)
    throw new LiaisonError(
      'integrity_failed',
      `there is no signing key at ${signingKeyFile}, so the checkpoints cannot be checked: restore it, or give the node's public key with --public-key`,
    )
  return key
}

function chainBroken(chain: Extract<AuditVerification, { ok: false }>): string {
  const problem = chain.problem
  const why =
    problem.kind === 'changed'
      ? `row ${problem.seq} was changed after it was written`
      : problem.kind === 'unlinked'
        ? `row ${problem.seq} does not follow the row before it (a row was inserted or replaced)`
        : problem.kind === 'gap'
          ? `row ${problem.expectedSeq} is missing (deleted); the next row is ${problem.seq}`
          : `the chain ends before its recorded head (row ${problem.seq}): rows were deleted from the end`
  return `audit chain BROKEN after ${chain.rows} good rows: ${why}`
}
