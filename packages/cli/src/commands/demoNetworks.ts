import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningSimulatorPage } from '@liaison/sim'
import { SimulatedSmsc, startSimulatorPage, startSmtpSink } from '@liaison/sim'

export interface DemoNetworks {
  /** The operators file naming the simulated SMSC, for each centre's `sms.operatorsFile`. */
  readonly smsOperatorsFile: string
  readonly smtpUrl: string
  readonly page: RunningSimulatorPage
  close(): Promise<void>
}

/**
 * The simulated networks beside the demo's centres (issue 11, capability 7): one SMSC (SMPP on
 * loopback, receipts after 200 ms) taking the numbers of the Benelux and its neighbours, one SMTP
 * sink, and the page showing what they received. The centres send through them as through real
 * operators; nothing leaves the machine.
 */
export async function startDemoNetworks(options: {
  readonly host: string
  readonly dataDir: string
  /** The page's port (0: any free one). */
  readonly pagePort: number
}): Promise<DemoNetworks> {
  // SMPP 3.4: at most 8 characters
  const password = 'demosmsc'
  const smsc = await SimulatedSmsc.start({
    systemId: 'liaison',
    password,
    host: options.host,
    receiptLatencyMs: 200,
    seed: 1,
  })
  const sink = await startSmtpSink({ host: options.host })
  let page: RunningSimulatorPage
  try {
    page = await startSimulatorPage({ smsc, smtp: sink }, { host: options.host, port: options.pagePort })
  } catch (error) {
    await sink.close()
    await smsc.close()
    throw error
  }
  const dir = join(options.dataDir, 'sim')
  mkdirSync(dir, { recursive: true })
  const smsOperatorsFile = join(dir, 'operators.json')
  writeFileSync(
    smsOperatorsFile,
    `${JSON.stringify(
      {
        operators: [
          {
            id: 'demo-sim',
            host: options.host,
            port: smsc.port,
            systemId: 'liaison',
            password,
            sourceAddr: 'Liaison',
            prefixes: ['+32', '+31', '+352', '+33', '+49'],
            ratePerSecond: 50,
            window: 10,
          },
        ],
      },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  )
  return {
    smsOperatorsFile,
    smtpUrl: sink.url,
    page,
    async close() {
      await page.close()
      await sink.close()
      await smsc.close()
    },
  }
}
