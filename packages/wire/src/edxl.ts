import { Type } from 'typebox'
import { CaseBody } from './cases.ts'

/** A problem of an EDXL-DE/EMSI document, named by its element path. */
export const EdxlProblemBody = Type.Object({
  path: Type.String(),
  message: Type.String(),
})

/** A case opened from another system's EDXL-DE/EMSI message (decision 039). */
export const EdxlImportBody = Type.Object({
  case: CaseBody,
  /** The original's identity: the audit row keeps it too. */
  original: Type.Object({
    distributionId: Type.String(),
    senderId: Type.String(),
    emsiId: Type.String(),
    eventId: Type.String(),
  }),
  /** What the reader guessed or left out, in a message still usable. */
  warnings: Type.Array(EdxlProblemBody),
})

/** An EDXL-DE 2.0 document, as XML text (`application/xml`). */
export const EdxlDocument = Type.String({ description: 'an EDXL-DE 2.0 distribution (application/xml)' })
