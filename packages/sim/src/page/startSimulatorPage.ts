import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SimulatedNetworks } from './simulatorPage.ts'
import { receivedByNetworks, simulatorPage } from './simulatorPage.ts'

export interface RunningSimulatorPage {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves the simulators' page on loopback: `GET /` the page, `GET /received.json` everything
 * received as JSON; anything else 404. Read-only: it changes no simulator.
 */
export async function startSimulatorPage(
  networks: SimulatedNetworks,
  options: { readonly host?: string; readonly port?: number } = {},
): Promise<RunningSimulatorPage> {
  const host = options.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const headers = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET only\n')
    } else if (path === '/') {
      res
        .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
        .end(simulatorPage(networks))
    } else if (path === '/received.json') {
      res
        .writeHead(200, { ...headers, 'content-type': 'application/json' })
        .end(JSON.stringify(receivedByNetworks(networks)))
    } else {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found\n')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
