import { resolve } from 'node:path'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { LiaisonError } from '@liaison/core'
import type { LogLevel } from '@liaison/server'
import { demoCentres, logLevels, startDemo } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { untilSignal } from './untilSignal.ts'

function parsePorts(value: string): [number, number, number] {
  const ports = value.split(',').map((p) => Number(p.trim()))
  if (ports.length !== 3 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
    throw new InvalidArgumentError(
      `'${value}' must be three ports 1-65535 separated by commas, for BE, NL and LU`,
    )
  }
  if (new Set(ports).size !== 3) throw new InvalidArgumentError(`'${value}': the three ports must differ`)
  return [ports[0]!, ports[1]!, ports[2]!]
}

function parseLevel(value: string): LogLevel {
  if (!(logLevels as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`'${value}' must be one of ${logLevels.join(', ')}`)
  }
  return value as LogLevel
}

function portsFromEnv(value: string | undefined): [number, number, number] {
  try {
    return parsePorts(value ?? '8080,8081,8082')
  } catch (error) {
    throw new LiaisonError('usage', `LIAISON_DEMO_PORTS: ${(error as Error).message}`)
  }
}

export function demoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('run the three Benelux centres (BE, NL, LU) in one process on the embedded store')
    .option('--host <host>', 'loopback address to listen on', context.env['LIAISON_DEMO_HOST'] ?? '127.0.0.1')
    .option('--ports <be,nl,lu>', 'the three ports (LIAISON_DEMO_PORTS)', parsePorts)
    .option(
      '--data-dir <dir>',
      'where the three databases live (one folder per centre)',
      context.env['LIAISON_DEMO_DATA_DIR'] ?? 'data',
    )
    .option('--log-level <level>', 'log level of the nodes', parseLevel, 'warn')
    .action(
      async (options: {
        host: string
        ports?: [number, number, number]
        dataDir: string
        logLevel: LogLevel
      }) => {
        // the environment's ports are checked here, inside the command, so a bad value is a usage error
        const ports = options.ports ?? portsFromEnv(context.env['LIAISON_DEMO_PORTS'])
        // the demo's sign-in page shows passwords and codes: it never leaves this machine
        if (!['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
          throw new LiaisonError(
            'usage',
            `the demo listens on loopback only (127.0.0.1, localhost or ::1), not '${options.host}'`,
          )
        }
        const log = context.createLogger({ level: options.logLevel })
        const started = Date.now()
        const demo = await startDemo({
          host: options.host,
          ports,
          dataDir: resolve(context.cwd, options.dataDir),
          logLevel: options.logLevel,
          log,
        })
        const lines = demo.nodes.map(
          (node, i) => `  ${demoCentres[i]?.nodeId.toUpperCase()}  ${node.url}/  ${demoCentres[i]?.name}`,
        )
        context.out.write(
          [
            `Liaison demo: three centres ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            ...lines,
            `  API documentation: ${demo.nodes[0]?.url}/api/docs · data in ${resolve(context.cwd, options.dataDir)}`,
            '  Ctrl-C stops the demo; the next start reuses the data.',
            '',
          ].join('\n'),
        )
        await untilSignal(() => demo.close(), context.err)
      },
    )
}
