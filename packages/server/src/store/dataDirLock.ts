import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { LiaisonError } from '@liaison/core'

const heldHere = new Set<string>()

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. A lock file holds the owner's pid; a lock left by a dead process (SIGKILL) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'liaison.lock')
  if (heldHere.has(path)) {
    throw new LiaisonError('data_dir_locked', `data directory ${dir} is already open in this process`)
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      heldHere.add(path)
      return () => {
        heldHere.delete(path)
        rmSync(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10)
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new LiaisonError(
          'data_dir_locked',
          `data directory ${dir} is in use by process ${pid}; stop that node first, or make the change through its HTTP API`,
          { pid },
        )
      }
      rmSync(path, { force: true })
    }
  }
  throw new LiaisonError('data_dir_locked', `could not lock data directory ${dir}`)
}
