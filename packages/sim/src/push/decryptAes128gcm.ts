import { createDecipheriv, createECDH, createHmac } from 'node:crypto'

/**
 * What a browser does with a Web Push message (RFC 8291, on RFC 8188's aes128gcm): derive the
 * content key from its P-256 private key, the sender's public key in the header and the auth
 * secret, and decrypt each record. Throws on anything that does not decrypt.
 */
export interface PushReceiverKeys {
  /** The subscription's P-256 private key, 32 bytes. */
  readonly privateKey: Buffer
  /** Its public key, uncompressed, 65 bytes (the `p256dh` of the subscription). */
  readonly publicKey: Buffer
  /** The 16-byte auth secret (the `auth` of the subscription). */
  readonly authSecret: Buffer
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest()

/** HKDF-SHA-256 expand to at most 32 bytes (one block), as RFC 8291 uses it. */
const expand = (prk: Buffer, info: Buffer, length: number) =>
  hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length)

export function decryptAes128gcm(body: Buffer, keys: PushReceiverKeys): Buffer {
  if (body.length < 21) throw new Error('aes128gcm: the body is shorter than its header')
  const salt = body.subarray(0, 16)
  const recordSize = body.readUInt32BE(16)
  const idLength = body[20]!
  if (recordSize < 18) throw new Error(`aes128gcm: record size ${recordSize} is below 18`)
  if (idLength !== 65) throw new Error(`aes128gcm: key id of ${idLength} bytes, not a 65-byte P-256 key`)
  const senderPublicKey = body.subarray(21, 21 + idLength)
  const ciphertext = body.subarray(21 + idLength)
  if (ciphertext.length === 0) throw new Error('aes128gcm: no records')

  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(keys.privateKey)
  const sharedSecret = ecdh.computeSecret(senderPublicKey)
  // RFC 8291 §3.3-3.4: the input keying material from the auth secret and both public keys
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, senderPublicKey])
  const ikm = expand(hmac(keys.authSecret, sharedSecret), keyInfo, 32)
  // RFC 8188 §2.2-2.3: the content encryption key and the nonce from the salt
  const prk = hmac(salt, ikm)
  const cek = expand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16)
  const baseNonce = expand(prk, Buffer.from('Content-Encoding: nonce\0'), 12)

  const records: Buffer[] = []
  const count = Math.ceil(ciphertext.length / recordSize)
  for (let seq = 0; seq < count; seq++) {
    const record = ciphertext.subarray(seq * recordSize, (seq + 1) * recordSize)
    if (record.length < 17) throw new Error(`aes128gcm: record ${seq} is too short`)
    const nonce = Buffer.from(baseNonce)
    // the sequence number XORed into the nonce's last bytes (its top bytes are zero for any count here)
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8)
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce)
    decipher.setAuthTag(record.subarray(record.length - 16))
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()])
    // the padding: a delimiter (2 in the last record, 1 before) and zeros after it
    let end = plain.length - 1
    while (end >= 0 && plain[end] === 0) end--
    const last = seq === count - 1
    if (end < 0 || plain[end] !== (last ? 2 : 1))
      throw new Error(`aes128gcm: record ${seq} has no ${last ? 'final' : ''} padding delimiter`)
    records.push(plain.subarray(0, end))
  }
  return Buffer.concat(records)
}
