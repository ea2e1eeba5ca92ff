import { createHash } from 'node:crypto'
import type { Sha256Hex } from '@liaison/core'

export const sha256Hex: Sha256Hex = async (text) => createHash('sha256').update(text, 'utf8').digest('hex')
