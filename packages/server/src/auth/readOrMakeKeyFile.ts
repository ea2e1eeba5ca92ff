import { randomBytes } from 'node:crypto'
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** A key file's text, whether this call made it, and whether others may read it. */
export interface KeyFileText {
  readonly pem: string
  readonly created: boolean
  readonly looseMode: boolean
}

/**
 * Reads the private key file at `path`, or (when `make` is given and there is none) makes it with
 * mode 600: written aside and linked into place, so that processes of a node starting at once
 * all end up with the one key the first of them made. Null when there is none and `make` is not
 * given. Problems are raised through `fail(why)`, which names the configuration key.
 */
export async function readOrMakeKeyFile(
  path: string,
  make: (() => string) | null,
  fail: (why: string) => Error,
): Promise<KeyFileText | null> {
  let pem: string
  let created = false
  try {
    pem = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fail((error as Error).message)
    if (!make) return null
    await mkdir(dirname(path), { recursive: true })
    const fresh = make()
    const aside = `${path}.${process.pid}.${randomBytes(8).toString('hex')}.new`
    await writeFile(aside, fresh, { mode: 0o600, flag: 'wx' })
    try {
      await link(aside, path)
      created = true
      pem = fresh
    } catch (raced) {
      // another process of the node made it first: use theirs
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw fail((raced as Error).message)
      pem = await readFile(path, 'utf8')
    } finally {
      await unlink(aside)
    }
  }
  const looseMode = ((await stat(path)).mode & 0o077) !== 0
  return { pem, created, looseMode }
}
