import { mkdir, open, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { SignedAuditCheckpoint } from '@liaison/core'
import { checkpointLine, checkpointSigningInput, parseCheckpointLine } from '@liaison/core'
import type { NodePublicKey } from '../auth/loadSigningKey.ts'

/**
 * Appends one signed checkpoint to the file, as one line, and waits until it is on disk. The
 * file is only ever opened for appending ('a'): the node never rewrites a line it wrote.
 */
export async function appendCheckpoint(path: string, checkpoint: SignedAuditCheckpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const file = await open(path, 'a', 0o600)
  try {
    await file.write(checkpointLine(checkpoint))
    await file.sync()
  } finally {
    await file.close()
  }
}

/** The whole checkpoint file, or null when there is none. */
export async function readCheckpointFile(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

const tailBytes = 64 * 1024

/**
 * The latest checkpoint in the file that this node signed with this key (read from the file's
 * end, so the file may grow for years), or null. Lines it did not sign are passed over: a line
 * appended by someone else must not stop the node from checkpointing.
 */
export async function latestCheckpoint(
  path: string,
  nodeId: string,
  key: NodePublicKey,
): Promise<SignedAuditCheckpoint | null> {
  let file
  try {
    file = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const { size } = await file.stat()
    let end = size
    let carry = ''
    while (end > 0) {
      const start = Math.max(0, end - tailBytes)
      const buffer = Buffer.alloc(end - start)
      await file.read(buffer, 0, buffer.length, start)
      const lines = (buffer.toString('latin1') + carry).split('\n')
      // the first piece may be the end of a line that starts before this window
      carry = start > 0 ? lines.shift()! : ''
      for (const line of lines.reverse()) {
        const parsed = parseCheckpointLine(Buffer.from(line, 'latin1').toString('utf8'))
        if (
          parsed.ok &&
          parsed.value.nodeId === nodeId &&
          parsed.value.keyFingerprint === key.fingerprint &&
          key.verify(checkpointSigningInput(parsed.value), parsed.value.signature)
        )
          return parsed.value
      }
      end = start
    }
    return null
  } finally {
    await file.close()
  }
}
