import type { Caller, CapAlert, CapProblem } from '@liaison/core'
import { actorLabel, callerActor, capAlertExpiresAt, parseCapReferences } from '@liaison/core'
import {
  findReceivedAlert,
  insertReceivedAlert,
  linkEarlierReferrers,
  newestReferenced,
} from '../store/alerts/receivedAlertRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { runAction } from './runAction.ts'

export interface ImportReceivedAlert {
  /** The alert as the tolerant reader read it (`readCap`), already past the XSD. */
  readonly read: {
    readonly alert: CapAlert
    readonly namespace: string
    readonly text: string
    readonly warnings: readonly CapProblem[]
  }
  readonly fileName: string | null
  readonly caller: Caller
  readonly source: string | null
  /** The CAP source it was polled from (decision 031); absent when imported by hand. */
  readonly sourceId?: string
}

export interface ImportedAlert {
  /** False when the node already held this (sender, identifier, sent): nothing was written. */
  readonly imported: boolean
  readonly id: string
  /** The received alert this Update or Cancel references (the newest the node holds), if any. */
  readonly refersTo: string | null
  /** How many received alerts imported earlier that reference this one were linked to it. */
  readonly referrers?: number
}

/**
 * Keeps another authority's CAP alert (`liaison cap import`): its text as decoded, its identity,
 * the parsed alert and the reader's warnings, audited. Importing the same message again writes
 * nothing and says so. An Update or Cancel is linked to the newest received message it references,
 * whichever of the two arrives first.
 */
export async function importReceivedAlert(
  deps: ActionDeps,
  input: ImportReceivedAlert,
): Promise<ImportedAlert> {
  const { alert } = input.read
  return runAction(
    deps,
    { action: 'alert.import', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      // who handles public warnings reads other authorities' ones in
      requirePermission(input.caller, 'alerts.draft')
      const identity = { sender: alert.sender, identifier: alert.identifier, sent: alert.sent }
      ctx.target(null, null, { ...identity, file: input.fileName })
      const held = await findReceivedAlert(ctx.tx, identity)
      if (held !== undefined) {
        ctx.target(held, null, { ...identity, file: input.fileName, alreadyImported: true })
        return { imported: false, id: held, refersTo: null }
      }
      const references = alert.references === undefined ? [] : (parseCapReferences(alert.references) ?? [])
      const refersTo =
        alert.msgType === 'Update' ||
        alert.msgType === 'Cancel' ||
        alert.msgType === 'Ack' ||
        alert.msgType === 'Error'
          ? ((await newestReferenced(ctx.tx, references)) ?? null)
          : null
      const id = ctx.newId()
      const written = await insertReceivedAlert(ctx.tx, {
        id,
        sender: alert.sender,
        identifier: alert.identifier,
        sent: alert.sent,
        sent_at: new Date(alert.sent),
        status: alert.status,
        msg_type: alert.msgType,
        cap_references: alert.references ?? null,
        refers_to: refersTo,
        namespace: input.read.namespace,
        alert: JSON.stringify(alert),
        warnings: JSON.stringify(input.read.warnings),
        original: input.read.text,
        file_name: input.fileName,
        imported_at: ctx.at,
        imported_by: actorLabel(callerActor(input.caller)),
        source_id: input.sourceId ?? null,
        expires_at: capAlertExpiresAt(alert),
      })
      if (!written) {
        // imported by someone else between the look-up and the insert
        const other = (await findReceivedAlert(ctx.tx, identity)) ?? id
        ctx.target(other, null, { ...identity, file: input.fileName, alreadyImported: true })
        return { imported: false, id: other, refersTo: null }
      }
      // an Update or Cancel imported before this message now refers to it
      const referrers = await linkEarlierReferrers(ctx.tx, id, identity, new Date(alert.sent))
      ctx.target(id, null, { ...identity, file: input.fileName, msgType: alert.msgType, refersTo, referrers })
      return { imported: true, id, refersTo, referrers }
    },
  )
}
