import { open } from 'node:fs/promises'
import { InvalidArgumentError } from 'commander'

/** The largest `--max-bytes` a command takes: 100 MiB (the readers refuse far less by default). */
export const maxBytesCeiling = 100 * 1024 * 1024

/**
 * `--max-bytes`, read strictly: digits only, 1 to 100 MiB; anything else is a usage error naming
 * the option (never coerced to the default).
 */
export function parseMaxBytes(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > maxBytesCeiling)
    throw new InvalidArgumentError(
      `--max-bytes: '${value.slice(0, 40)}' must be a whole number of bytes, 1 to ${maxBytesCeiling}`,
    )
  return Number(value)
}

/** The option, for `.option(...maxBytesOption(default))`. */
export const maxBytesOption = (defaultBytes: number) =>
  [
    '--max-bytes <n>',
    `largest file accepted (bytes, at most ${maxBytesCeiling})`,
    parseMaxBytes,
    defaultBytes,
  ] as const

/**
 * A file's bytes, refused by its size before it is read (a 10 GB file is never loaded to be
 * refused): one read of at most `maxBytes + 1` bytes, so a file that grows meanwhile is caught too.
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) throw new Error(`${size} bytes, at most ${maxBytes}`)
    const buffer = new Uint8Array(Math.min(size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > maxBytes) throw new Error(`more than ${maxBytes} bytes, at most ${maxBytes}`)
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}
