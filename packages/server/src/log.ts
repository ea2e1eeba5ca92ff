import { pino } from 'pino'
import type { Logger } from 'pino'
import type { LogLevel } from './config.ts'

export type { Logger }

/** Structured JSON logs on stdout (or a given stream), one line an entry. */
export function createLogger(options: {
  level: LogLevel
  base?: Record<string, unknown>
  destination?: NodeJS.WritableStream
}): Logger {
  return pino(
    {
      level: options.level,
      base: options.base ?? {},
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '***' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? process.stdout,
  )
}
