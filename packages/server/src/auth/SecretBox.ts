import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { LiaisonError } from '@liaison/core'

const prefix = 'v1.'

/**
 * Seals secrets the node must read back (one-time code seeds) with AES-256-GCM under the node's
 * key, so a copy of the database alone does not give them away. Each sealed value is bound to a
 * context (say, `totp:<user id>`): moved to another row, it no longer opens.
 */
export class SecretBox {
  readonly #key: Buffer

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the node key must be 32 bytes')
    this.#key = Buffer.from(key)
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${prefix}${[iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.')}`
  }

  open(sealed: string, context: string): string {
    const [iv, body, tag] = sealed.startsWith(prefix) ? sealed.slice(prefix.length).split('.') : []
    if (iv === undefined || body === undefined || tag === undefined)
      throw new LiaisonError('integrity_failed', 'a stored secret is not sealed')
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      )
    } catch {
      throw new LiaisonError(
        'integrity_failed',
        "a stored secret does not open with this node's key (auth.keyFile): was the key replaced?",
      )
    }
  }

  static isSealed(value: string): boolean {
    return value.startsWith(prefix)
  }
}

/** The context a user's one-time code seed is sealed under. */
export const totpContext = (userId: string) => `totp:${userId}`
