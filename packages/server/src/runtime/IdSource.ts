import { randomBytes } from 'node:crypto'
import { uuidv7 } from '@liaison/core'
import type { Clock } from './Clock.ts'

export interface IdSource {
  next(): string
}

/** UUIDv7 from the given clock and the operating system's randomness. */
export function uuidv7Source(clock: Clock): IdSource {
  return { next: () => uuidv7(clock.now().getTime(), randomBytes(10)) }
}
