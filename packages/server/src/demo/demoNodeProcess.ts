import type { ChildProcess } from 'node:child_process'
import type { ErrorCode } from '@liaison/core'
import { LiaisonError, isErrorCode } from '@liaison/core'

/** What a demo node's process tells its parent over the IPC channel. */
export type DemoNodeMessage =
  | { readonly kind: 'ready'; readonly url: string; readonly publicUrl: string | null }
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string }

export interface DemoNodeAddress {
  readonly nodeId: string
  readonly url: string
  readonly publicUrl: string | null
}

/** One demo node's child process, seen from the demo's parent. */
export interface DemoNodeProcess {
  readonly child: ChildProcess
  /** Resolves when the node is ready; rejects with its error if it fails or exits first. */
  readonly ready: Promise<DemoNodeAddress>
  /** Resolves when the process has exited, however it did. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Asks the node to stop cleanly; kills it after `graceMs`. Resolves once it has exited. */
  stop(graceMs: number): Promise<void>
}

function isMessage(value: unknown): value is DemoNodeMessage {
  if (value === null || typeof value !== 'object') return false
  const kind = (value as { kind?: unknown }).kind
  return kind === 'ready' || kind === 'failed'
}

/** Follows a demo node's process started by `launch` (a fork with an IPC channel). */
export function watchDemoNodeProcess(nodeId: string, child: ChildProcess): DemoNodeProcess {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode })
    else child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const ready = new Promise<DemoNodeAddress>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      if (!isMessage(message)) return
      if (message.kind === 'ready') resolve({ nodeId, url: message.url, publicUrl: message.publicUrl })
      else
        reject(
          new LiaisonError(
            isErrorCode(message.code) ? message.code : 'internal',
            `centre ${nodeId}: ${message.message}`,
          ),
        )
    })
    child.once('error', (error) =>
      reject(new LiaisonError('internal', `centre ${nodeId}: its process failed: ${error.message}`)),
    )
    void exited.then(({ code, signal }) =>
      reject(
        new LiaisonError(
          'internal',
          `centre ${nodeId}: its process exited (${signal ?? `code ${String(code)}`}) before it was ready`,
        ),
      ),
    )
  })
  // a rejection nobody waits for (a node that exits later) is not an unhandled one
  ready.catch(() => {})
  return {
    child,
    ready,
    exited,
    async stop(graceMs) {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ kind: 'stop' })
        else child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
        await exited
        clearTimeout(timer)
      }
    },
  }
}
