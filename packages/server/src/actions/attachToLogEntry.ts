import { createHash } from 'node:crypto'
import type { Caller } from '@liaison/core'
import { callerActor, caseAudience } from '@liaison/core'
import { findCase } from '../cases/caseRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction } from './runAction.ts'

export const attachmentLimits = { maxBytes: 10 * 1024 * 1024, perEntry: 10 } as const

/** The types a log entry may carry, each recognised by its first bytes, not by what the sender claims. */
export const attachmentTypes: Record<string, (data: Buffer) => boolean> = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  'text/plain': (d) => !d.includes(0) && Buffer.from(d.toString('utf8'), 'utf8').equals(d),
}

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
      const entry = await ctx.tx
        .selectFrom('log_entries')
        .select(['id', 'case_id', 'org_id'])
        .where('id', '=', command.entryId)
        .executeTakeFirst()
      if (!entry) return refuse('not_found', `no log entry ${command.entryId}`)
      if (entry.org_id !== caller.orgId)
        return refuse('other_organisation', 'only the organisation that wrote an entry attaches files to it')
      const problems: string[] = []
      const fileName = command.fileName.trim()
      if (!/^[^/\\\0]{1,200}$/.test(fileName) || fileName === '.' || fileName === '..')
        problems.push('fileName: 1 to 200 characters, no slashes')
      const check = attachmentTypes[command.contentType]
      if (!check)
        problems.push(
          `content type '${command.contentType}' is not accepted: send ${Object.keys(attachmentTypes).join(', ')}`,
        )
      else if (!check(command.data)) problems.push(`the file's content is not ${command.contentType}`)
      if (command.data.length === 0) problems.push('the file is empty')
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      if (command.data.length > attachmentLimits.maxBytes)
        return refuse(
          'payload_too_large',
          `a file may be at most ${attachmentLimits.maxBytes / 1024 / 1024} MiB`,
        )
      const count = await ctx.tx
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('log_entry_id', '=', entry.id)
        .executeTakeFirstOrThrow()
      if (Number(count.n) >= attachmentLimits.perEntry)
        return refuse('conflict', `an entry carries at most ${attachmentLimits.perEntry} files`)
      const meta: AttachmentMeta = {
        id: ctx.newId(),
        logEntryId: entry.id,
        fileName,
        contentType: command.contentType,
        size: command.data.length,
        sha256: createHash('sha256').update(command.data).digest('hex'),
        createdAt: ctx.at,
      }
      await ctx.tx
        .insertInto('attachments')
        .values({
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
        .execute()
      const c = entry.case_id ? await findCase(ctx.tx, entry.case_id) : null
      ctx.target(meta.id, caller.orgId, { entryId: entry.id, fileName, size: meta.size })
      ctx.emit(
        { kind: 'attachment.added', attachment: { ...meta, caseId: entry.case_id } },
        meta.id,
        caller.orgId,
        c ? caseAudience(c) : [caller.orgId],
      )
      return meta
    },
  )
}
