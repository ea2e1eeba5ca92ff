import { createHash } from 'node:crypto'
import type { Caller } from '@liaison/core'
import {
  attachmentRules as coreAttachmentRules,
  callerActor,
  mayAttachFile,
  mayChangeOwnWork,
} from '@liaison/core'
import { findCase, logEntryPlace } from '../store/cases/caseRows.ts'
import { countAttachments, insertAttachment } from '../store/cases/attachmentRows.ts'
import type { FileRules } from '../files/fileTypes.ts'
import { fileProblems } from '../files/fileTypes.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction, unwrap } from './runAction.ts'

/** What a log entry may carry (core's `attachmentRules`), with the content checks of each type. */
export const attachmentRules: FileRules & { readonly perEntry: number } = coreAttachmentRules

export interface AttachmentMeta {
  readonly id: string
  readonly logEntryId: string
  readonly fileName: string
  readonly contentType: string
  readonly size: number
  readonly sha256: string
  readonly createdAt: Date
}

/** Attaches a file to a log entry of the caller's organisation: size-limited, type checked by content. */
export async function attachToLogEntry(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly entryId: string
    readonly fileName: string
    readonly contentType: string
    readonly data: Buffer
    readonly source: string | null
  },
): Promise<AttachmentMeta> {
  return runAction(
    deps,
    { action: 'log.attach', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.write')
      ctx.target(command.entryId, caller.orgId)
      const place = await logEntryPlace(ctx.tx, command.entryId)
      const entry = place && { id: command.entryId, case_id: place.case_id, org_id: place.org_id }
      if (!entry) return refuse('not_found', `no log entry ${command.entryId}`)
      unwrap(
        mayChangeOwnWork(entry.org_id, caller.orgId),
        'only the organisation that wrote an entry attaches files to it',
      )
      // an entry of a case: the organisation must still take part in the case, and it must be open
      const c = entry.case_id ? await findCase(ctx.tx, entry.case_id) : null
      if (entry.case_id && !c) return refuse('not_found', `no case ${entry.case_id}`)
      if (c) requireCaseWrite(caller, c)
      const fileName = command.fileName.trim()
      const { problems, tooLarge } = fileProblems(attachmentRules, command)
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      if (tooLarge)
        return refuse(
          'payload_too_large',
          `a file may be at most ${attachmentRules.maxBytes / 1024 / 1024} MiB`,
        )
      unwrap(
        mayAttachFile(await countAttachments(ctx.tx, entry.id), attachmentRules.perEntry),
        `an entry carries at most ${attachmentRules.perEntry} files`,
      )
      const meta: AttachmentMeta = {
        id: ctx.newId(),
        logEntryId: entry.id,
        fileName,
        contentType: command.contentType,
        size: command.data.length,
        sha256: createHash('sha256').update(command.data).digest('hex'),
        createdAt: ctx.at,
      }
      await insertAttachment(ctx.tx, {
        id: meta.id,
        log_entry_id: entry.id,
        org_id: caller.orgId,
        file_name: fileName,
        content_type: meta.contentType,
        size: meta.size,
        sha256: meta.sha256,
        data: command.data,
        created_at: ctx.at,
        created_by: caller.userId,
      })
      ctx.target(meta.id, caller.orgId, { entryId: entry.id, fileName, size: meta.size })
      ctx.emit({
        body: { kind: 'attachment.added', attachment: { ...meta, caseId: entry.case_id } },
        subject: meta.id,
        orgId: caller.orgId,
        distribution: c ? { kind: 'case', caseId: c.id } : { kind: 'organisation' },
        status: c?.status ?? 'actual',
      })
      return meta
    },
  )
}
