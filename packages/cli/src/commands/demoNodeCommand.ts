import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { isLiaisonError } from '@liaison/core'
import type { DemoNodeMessage, LogLevel, RunningNode } from '@liaison/server'
import { demoCentres, logLevels, startDemoNode } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'

/** How long a demo node may take to stop cleanly once asked before it exits anyway. */
const stopDeadlineMs = 30_000

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError(`'${value}' must be a port 0-65535`)
  return port
}

function parseIndex(value: string): number {
  const index = Number(value)
  if (!Number.isInteger(index) || index < 0 || index >= demoCentres.length)
    throw new InvalidArgumentError(`'${value}' must be a centre from 0 to ${demoCentres.length - 1}`)
  return index
}

function parseLevel(value: string): LogLevel {
  if (!(logLevels as readonly string[]).includes(value))
    throw new InvalidArgumentError(`'${value}' must be one of ${logLevels.join(', ')}`)
  return value as LogLevel
}

/** Resolves on the first request to stop: SIGINT, SIGTERM, the parent's `stop`, or the parent gone. */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const once = (why: string) => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      // asked twice (Ctrl-C reaches the parent and this process): still one clean stop
      process.on('SIGINT', () => {})
      process.on('SIGTERM', () => {})
      setTimeout(() => process.exit(1), stopDeadlineMs).unref()
      resolve(why)
    }
    const onInt = () => once('SIGINT')
    const onTerm = () => once('SIGTERM')
    process.once('SIGINT', onInt)
    process.once('SIGTERM', onTerm)
    process.once('disconnect', () => once('the demo stopped'))
    process.on('message', (message: unknown) => {
      if ((message as { kind?: unknown } | null)?.kind === 'stop') once('stop')
    })
  })
}

/** Sends the parent a message, once it is on its way. */
function tell(message: DemoNodeMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send && process.connected) process.send(message, undefined, {}, () => resolve())
    else resolve()
  })
}

/**
 * `liaison demo-node`: one centre of the demo, in a process of its own. `liaison demo` forks
 * it three times and supervises the processes (startDemo.ts); it is not meant to be run by hand.
 */
export function demoNodeCommand(program: Command, context: CliContext): void {
  program
    .command('demo-node', { hidden: true })
    .description('one centre of the demo in this process (liaison demo starts three)')
    .requiredOption('--index <n>', 'the centre: 0 BE, 1 NL, 2 LU', parseIndex)
    .requiredOption('--host <host>', 'loopback address to listen on')
    .requiredOption('--port <port>', 'the duty desk port', parsePort)
    .option('--public-port <port>', 'the public listener port (0: any free port)', parsePort, 0)
    .requiredOption('--data-dir <dir>', 'where the demo databases live')
    .option('--log-level <level>', 'log level', parseLevel, 'warn')
    .option('--sms-operators-file <file>', "the simulated SMSC's operators file (liaison demo writes it)")
    .option('--smtp-url <url>', "the simulated SMTP sink's address")
    .action(
      async (options: {
        index: number
        host: string
        port: number
        publicPort: number
        dataDir: string
        logLevel: LogLevel
        smsOperatorsFile?: string
        smtpUrl?: string
      }) => {
        const stop = stopRequested()
        const ports: [number, number, number] = [0, 0, 0]
        const publicPorts: [number, number, number] = [0, 0, 0]
        ports[options.index] = options.port
        publicPorts[options.index] = options.publicPort
        let node: RunningNode
        try {
          node = await startDemoNode(
            {
              host: options.host,
              ports,
              publicPorts,
              dataDir: options.dataDir,
              logLevel: options.logLevel,
              networks: {
                ...(options.smsOperatorsFile ? { smsOperatorsFile: options.smsOperatorsFile } : {}),
                ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
              },
              log: context.createLogger({ level: options.logLevel }),
            },
            options.index,
          )
        } catch (error) {
          await tell({
            kind: 'failed',
            code: isLiaisonError(error) ? error.code : 'internal',
            message: error instanceof Error ? error.message : String(error),
          })
          // the open channel would keep this process alive
          if (process.connected) process.disconnect()
          throw error
        }
        await tell({ kind: 'ready', url: node.url, publicUrl: node.publicUrl })
        if (!process.send) context.err.write(`liaison: demo centre ready at ${node.url}\n`)
        await stop
        await node.close()
        if (process.connected) process.disconnect()
      },
    )
}
