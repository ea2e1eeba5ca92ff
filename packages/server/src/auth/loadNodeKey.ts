import { randomBytes } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { LiaisonError } from '@liaison/core'

/**
 * The node's key (256 bits, base64 in a file of its own). Created on first start, readable by
 * this user only; never in the database, so a copy of the database alone does not open the
 * secrets sealed with it. Every process of one node must read the same file.
 */
export async function loadNodeKey(
  path: string,
): Promise<{ key: Buffer; created: boolean; looseMode: boolean }> {
  let text: string
  let created = false
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw keyError(path, (error as Error).message)
    await mkdir(dirname(path), { recursive: true })
    const fresh = `${randomBytes(32).toString('base64')}\n`
    try {
      await writeFile(path, fresh, { mode: 0o600, flag: 'wx' })
      created = true
      text = fresh
    } catch (raced) {
      // another process of the node created it first: use theirs
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(path, (raced as Error).message)
      text = await readFile(path, 'utf8')
    }
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== 32 || key.toString('base64') !== text.trim())
    throw keyError(path, 'it must hold 32 bytes in base64 (make one with: openssl rand -base64 32)')
  const looseMode = ((await stat(path)).mode & 0o077) !== 0
  return { key, created, looseMode }
}

const keyError = (path: string, why: string) =>
  new LiaisonError('config_invalid', `auth.keyFile ${path}: ${why}`)
