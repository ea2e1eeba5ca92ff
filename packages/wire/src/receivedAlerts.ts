import { Type } from 'typebox'
import { Timestamp, Uuid } from './common.ts'
import { pageBody } from './paging.ts'

/** A problem of a CAP message: where (a path) and what (English, for people). */
export const CapProblemBody = Type.Object({ path: Type.String(), message: Type.String() })

/**
 * A CAP alert read from elsewhere (`liaison cap import`): its identity as the message wrote it,
 * what it says in short (each info block's language, event, severity and headline), the reader's
 * warnings, and the received alert an Update or Cancel refers to.
 */
export const ReceivedAlertBody = Type.Object({
  id: Uuid,
  sender: Type.String(),
  identifier: Type.String(),
  sent: Type.String({ description: 'as the message wrote it (with its offset)' }),
  // as received: the XSD admits only CAP's values, but the answer never fails on one
  status: Type.String({ description: 'Actual, Exercise, System, Test or Draft' }),
  msgType: Type.String({ description: 'Alert, Update, Cancel, Ack or Error' }),
  references: Type.Union([Type.String(), Type.Null()]),
  refersTo: Type.Union([Uuid, Type.Null()], {
    description: 'the received alert this one references (the newest the node holds)',
  }),
  info: Type.Array(
    Type.Object({
      language: Type.String(),
      event: Type.String(),
      severity: Type.String(),
      headline: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  warnings: Type.Array(CapProblemBody),
  fileName: Type.Union([Type.String(), Type.Null()]),
  importedAt: Timestamp,
  importedBy: Type.String(),
})

export const ReceivedAlertPage = pageBody(ReceivedAlertBody)
