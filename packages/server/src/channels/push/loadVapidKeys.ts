import type { KeyObject } from 'node:crypto'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { LiaisonError } from '@liaison/core'
import { readOrMakeKeyFile } from '../../auth/readOrMakeKeyFile.ts'

/** The node's VAPID key pair (RFC 8292), as web-push and a browser's `applicationServerKey` take it. */
export interface VapidKeys {
  /** The P-256 public key, uncompressed (65 bytes), base64url: the citizen page subscribes with it. */
  readonly publicKey: string
  /** The private scalar (32 bytes), base64url. */
  readonly privateKey: string
}

function vapidKeysOf(key: KeyObject): VapidKeys {
  const jwk = key.export({ format: 'jwk' })
  if (!jwk.d || !jwk.x || !jwk.y) throw new Error('not a private EC key')
  const publicKey = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ])
  return { publicKey: publicKey.toString('base64url'), privateKey: jwk.d }
}

/**
 * Reads the node's VAPID key (a P-256 key in PKCS#8 PEM, so `openssl pkey` reads it), or makes
 * one on first start, readable by this user only, the way the signing key is made
 * (`auth/loadSigningKey.ts`): written aside, then linked, so processes starting together agree.
 * The key must stay the same: every browser's subscription is bound to its public half.
 */
export async function loadVapidKeys(
  path: string,
): Promise<{ keys: VapidKeys; created: boolean; looseMode: boolean }> {
  const file = await readOrMakeKeyFile(
    path,
    () =>
      generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString(),
    (why) => keyError(path, why),
  )
  if (!file) throw keyError(path, 'it could not be created')
  const { pem, created, looseMode } = file
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch {
    throw keyError(path, 'it must hold a P-256 private key in PKCS#8 PEM')
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw keyError(path, `it holds an ${key.asymmetricKeyType ?? 'unknown'} key, not P-256`)
  return { keys: vapidKeysOf(key), created, looseMode }
}

/** The VAPID public key the citizen page subscribes with (`applicationServerKey`), base64url. */
export async function vapidPublicKey(path: string): Promise<string> {
  return (await loadVapidKeys(path)).keys.publicKey
}

const keyError = (path: string, why: string) =>
  new LiaisonError('config_invalid', `push.vapidKeyFile ${path}: ${why}`)
