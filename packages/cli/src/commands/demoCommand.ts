import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { LiaisonError } from '@liaison/core'
import type { LogLevel } from '@liaison/server'
import { demoCentres, logLevels, startDemo } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import type { DemoNetworks } from './demoNetworks.ts'
import { startDemoNetworks } from './demoNetworks.ts'
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

function portsFromEnv(name: string, value: string): [number, number, number] {
  try {
    return parsePorts(value)
  } catch (error) {
    throw new LiaisonError('usage', `${name}: ${(error as Error).message}`)
  }
}

/** The `liaison` command itself, which the demo forks once per centre (`liaison demo-node`). */
const liaisonBin = fileURLToPath(new URL('../../bin/liaison.js', import.meta.url))

export function demoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('run the three Benelux centres (BE, NL, LU), each in its own process on its embedded store')
    .option('--host <host>', 'loopback address to listen on', context.env['LIAISON_DEMO_HOST'] ?? '127.0.0.1')
    .option('--ports <be,nl,lu>', 'the three duty desk ports (LIAISON_DEMO_PORTS)', parsePorts)
    .option(
      '--public-ports <be,nl,lu>',
      "the three public listeners' ports (LIAISON_DEMO_PUBLIC_PORTS); default 8090,8091,8092 with the default ports, otherwise free ones",
      parsePorts,
    )
    .option(
      '--data-dir <dir>',
      'where the three databases live (one folder per centre)',
      context.env['LIAISON_DEMO_DATA_DIR'] ?? 'data',
    )
    .option('--log-level <level>', 'log level of the nodes', parseLevel, 'warn')
    .option(
      '--no-networks',
      'do not run the simulated networks (an SMSC and an SMTP sink, and their page) the centres send through',
    )
    .action(
      async (options: {
        host: string
        ports?: [number, number, number]
        publicPorts?: [number, number, number]
        dataDir: string
        logLevel: LogLevel
        networks: boolean
      }) => {
        // the environment's ports are checked here, inside the command, so a bad value is a usage error
        const givenPorts = options.ports ?? context.env['LIAISON_DEMO_PORTS']
        const ports =
          options.ports ??
          portsFromEnv('LIAISON_DEMO_PORTS', context.env['LIAISON_DEMO_PORTS'] ?? '8080,8081,8082')
        const givenPublic = context.env['LIAISON_DEMO_PUBLIC_PORTS']
        const publicPorts: [number, number, number] =
          options.publicPorts ??
          (givenPublic !== undefined
            ? portsFromEnv('LIAISON_DEMO_PUBLIC_PORTS', givenPublic)
            : // chosen ports may sit anywhere: the public listeners then take free ones
              givenPorts === undefined
              ? [8090, 8091, 8092]
              : [0, 0, 0])
        // the demo's sign-in page shows passwords and codes: it never leaves this machine
        if (!['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
          throw new LiaisonError(
            'usage',
            `the demo listens on loopback only (127.0.0.1, localhost or ::1), not '${options.host}'`,
          )
        }
        const clash = publicPorts.find((p) => p !== 0 && ports.includes(p))
        if (clash !== undefined)
          throw new LiaisonError('usage', `port ${clash} is both a duty desk and a public port`)
        const dataDir = resolve(context.cwd, options.dataDir)
        const started = Date.now()
        // the networks first: each centre's configuration names them (8095 beside the default ports)
        const networks: DemoNetworks | null = options.networks
          ? await startDemoNetworks({
              host: options.host,
              dataDir,
              pagePort: givenPorts === undefined ? 8095 : 0,
            })
          : null
        const networkFlags = networks
          ? ['--sms-operators-file', networks.smsOperatorsFile, '--smtp-url', networks.smtpUrl]
          : []
        const demo = await startDemo({
          host: options.host,
          ports,
          publicPorts,
          dataDir,
          logLevel: options.logLevel,
          launch: (index) =>
            fork(
              liaisonBin,
              [
                'demo-node',
                '--index',
                String(index),
                '--host',
                options.host,
                '--port',
                String(ports[index]),
                '--public-port',
                String(publicPorts[index]),
                '--data-dir',
                dataDir,
                '--log-level',
                options.logLevel,
                ...networkFlags,
              ],
              { cwd: context.cwd, env: { ...context.env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
            ),
          report: (line) => context.err.write(`liaison demo: ${line}\n`),
        }).catch(async (error: unknown) => {
          await networks?.close()
          throw error
        })
        const lines = demo.nodes.map(
          (node, i) =>
            `  ${demoCentres[i]?.nodeId.toUpperCase()}  ${node.url}/  ${demoCentres[i]?.name}${node.publicUrl ? ` · public page ${node.publicUrl}/` : ''}`,
        )
        context.out.write(
          [
            `Liaison demo: three centres ready in ${((Date.now() - started) / 1000).toFixed(1)} s, each in its own process`,
            ...lines,
            `  API documentation: ${demo.nodes[0]?.url}/api/docs · data in ${dataDir}`,
            ...(networks
              ? [`  Simulated networks (SMS, e-mail): what they received at ${networks.page.url}/`]
              : []),
            '  Ctrl-C stops the demo; the next start reuses the data.',
            '',
          ].join('\n'),
        )
        await untilSignal(async () => {
          await demo.close()
          await networks?.close()
        }, context.err)
      },
    )
}
