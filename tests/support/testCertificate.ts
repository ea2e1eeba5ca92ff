import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A self-signed certificate and its key, made with `openssl`, and where they are written. */
export interface TestCertificate {
  readonly key: Buffer
  readonly cert: Buffer
  readonly keyFile: string
  readonly certFile: string
}

/**
 * Makes a self-signed certificate for a test's TLS server on loopback (RSA 2048, one day, for
 * `127.0.0.1` and any other addresses given), written into `dir` as `key.pem` and `cert.pem`:
 * nothing is downloaded and no certificate of the machine is trusted.
 */
export function makeTestCertificate(dir: string, ips: readonly string[] = []): TestCertificate {
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  const names = ['127.0.0.1', ...ips].map((ip) => `IP:${ip}`).join(',')
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-addext',
      `subjectAltName=${names}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'ignore' },
  )
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), keyFile, certFile }
}
