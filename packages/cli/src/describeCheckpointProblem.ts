import type { CheckpointProblem } from '@liaison/core'
import type { CheckpointVerification } from '@liaison/server'

const short = (fingerprint: string) => `${fingerprint.slice(0, 16)}…`

/** One sentence per problem between the chain and its checkpoints, naming the rows and the checkpoint. */
export function describeCheckpointProblem(problem: CheckpointProblem, check: CheckpointVerification): string {
  switch (problem.kind) {
    case 'no_checkpoints':
      return `${check.found ? `${check.file} holds no checkpoint` : `there is no checkpoint file at ${check.file}`}, though the chain has ${check.chainEnd} rows: nothing anchors it (the node writes one when it starts; write one now with liaison audit checkpoint, if you trust the chain as it is)`
    case 'malformed':
      return `line ${problem.line} is not a checkpoint (${problem.reason === 'not_json' ? 'not JSON' : 'not the fields of one'}): the file was edited`
    case 'other_node':
      return `line ${problem.line} is a checkpoint of node '${problem.nodeId}', not of this node`
    case 'other_key':
      return `the checkpoint at line ${problem.line} (signed at ${problem.at}) is signed by another key (${short(problem.keyFingerprint)}) than ${short(check.keyFingerprint)}: the signing key was replaced, or verify against the old one with --public-key`
    case 'bad_signature':
      return `the checkpoint at line ${problem.line} (row ${problem.seq}, signed at ${problem.at}) does not verify with the node's public key: the line was changed or forged`
    case 'backwards':
      return `the checkpoint at line ${problem.line} (signed at ${problem.at}) covers row ${problem.seq}, fewer than the row ${problem.previousSeq} covered before it`
    case 'cut':
      return `the audit ends at row ${problem.chainEnd} but the checkpoint signed at ${problem.at} (line ${problem.line}) covers row ${problem.seq}: ${problem.chainEnd + 1 === problem.seq ? `row ${problem.seq} was` : `rows ${problem.chainEnd + 1}..${problem.seq} were`} cut`
    case 'row_changed':
      return `row ${problem.seq}'s hash differs from the checkpoint signed at ${problem.at} (line ${problem.line}): ${problem.sinceSeq + 1 === problem.seq ? `row ${problem.seq}` : `a row from ${problem.sinceSeq + 1} to ${problem.seq}`} was changed and the hashes after it recomputed`
    case 'row_missing':
      return `row ${problem.seq}, which the checkpoint signed at ${problem.at} (line ${problem.line}) covers, is missing`
    default: {
      const never: never = problem
      return String(never)
    }
  }
}
