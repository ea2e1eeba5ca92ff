import { createServer } from 'node:net'
import { LiaisonError } from '@liaison/core'

/** Fails early, before any data is touched, when another process holds the address. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new LiaisonError(
            'port_in_use',
            `${host}:${port} is already in use (is another Liaison node running?)`,
          ),
        )
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EACCES') {
        reject(new LiaisonError('config_invalid', `cannot listen on ${host}:${port}: ${error.code}`))
      } else reject(error)
    })
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()))
  })
}
