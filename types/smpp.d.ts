/** The part of the `smpp` package (0.5.1, untyped) that the SMPP channel and the simulated SMSC use: one declaration for both. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events'
  import type { Server as NetServer, Socket } from 'node:net'

  /** A decoded PDU: its header and whatever fields and TLVs its command has. */
  export interface Pdu {
    command: string
    command_id: number
    command_status: number
    sequence_number: number
    [field: string]: unknown
    isResponse(): boolean
    response(options?: Record<string, unknown>): Pdu
  }

  export const PDU: new (command: string, options?: Record<string, unknown>) => Pdu

  export interface Session extends EventEmitter {
    readonly socket: Socket
    send(pdu: Pdu, responseCallback?: (pdu: Pdu) => void, sendCallback?: (pdu: Pdu) => void): boolean
    close(callback?: () => void): void
    destroy(callback?: () => void): void
    pause(): void
    resume(): void
  }

  export interface Server extends NetServer {
    readonly sessions: Session[]
  }

  export function createServer(options: Record<string, never>, listener: (session: Session) => void): Server

  /** A client session (the SMSC's own tests drive it with one). */
  export function connect(options: { host: string; port: number }, listener?: () => void): Session

  export const errors: Readonly<Record<string, number>>

  /** The package is CommonJS: Node gives ES modules its exports as the default export only. */
  const smpp: {
    PDU: typeof PDU
    createServer: typeof createServer
    connect: typeof connect
    errors: typeof errors
  }
  export default smpp
}
