import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SmtpSink } from '@liaison/sim'
import { SimulatedSmsc, startSmtpSink } from '@liaison/sim'

/** A simulated SMSC and SMTP sink on loopback, and the configuration keys that point a node at them. */
export interface ChannelSimulators {
  readonly smsc: SimulatedSmsc
  readonly sink: SmtpSink
  /** `sms.operatorsFile` (one operator, `proximus`, for +32, +31 and +352), `email.smtpUrl`, `email.from`. */
  readonly config: Record<string, string>
  close(): Promise<void>
}

/** Starts both simulators; `sourceAddr` is what the SMS come from (a short code or a name). */
export async function startChannelSimulators(
  options: {
    readonly sourceAddr?: string
    readonly from?: string
    readonly prefixes?: readonly string[]
  } = {},
): Promise<ChannelSimulators> {
  const smsc = await SimulatedSmsc.start({ systemId: 'liaison', password: 'secret', receiptLatencyMs: 5 })
  const sink = await startSmtpSink()
  const operatorsFile = join(mkdtempSync(join(tmpdir(), 'liaison-channels-')), 'operators.json')
  writeFileSync(
    operatorsFile,
    JSON.stringify({
      operators: [
        {
          id: 'proximus',
          host: '127.0.0.1',
          port: smsc.port,
          systemId: 'liaison',
          password: 'secret',
          sourceAddr: options.sourceAddr ?? 'BE-Alert',
          prefixes: options.prefixes ?? ['+32', '+31', '+352'],
          ratePerSecond: 100,
          window: 10,
        },
      ],
    }),
  )
  return {
    smsc,
    sink,
    config: {
      'sms.operatorsFile': operatorsFile,
      'email.smtpUrl': sink.url,
      'email.from': options.from ?? 'noreply@alert.example.be',
    },
    async close() {
      await smsc.close()
      await sink.close()
    },
  }
}
