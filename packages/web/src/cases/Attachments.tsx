import type { FormEvent } from 'react'
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentSummary, LogEntryRecord } from '../api/casesApi.ts'
import { attachmentHref, attachmentTypes, uploadAttachment } from '../api/casesApi.ts'
import { FileField } from '../components/FileField.tsx'
import { FileLink } from '../components/FileLink.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { describeError } from '../i18n/describeError.ts'

/** What the file input offers (the node checks the content whatever the browser says). */
export const acceptedFiles = [...attachmentTypes, '.pdf', '.png', '.jpg', '.jpeg', '.txt'].join(',')

/** A log entry's files, each a download link with its size. */
export function AttachmentLinks({ attachments }: { readonly attachments: readonly AttachmentSummary[] }) {
  const { t } = useTranslation()
  if (attachments.length === 0) return null
  return (
    <ul
      className="plain-list log-attachments"
      aria-label={t('attachments.listLabel')}
      data-testid="attachments"
    >
      {attachments.map((a) => (
        <li key={a.id}>
          <FileLink href={attachmentHref(a.id)} fileName={a.fileName} size={a.size} />
        </li>
      ))}
    </ul>
  )
}

export interface FileFailure {
  readonly name: string
  readonly error: unknown
}

/** Which files were not attached, and why, one line each. */
export function FileFailures({ failures }: { readonly failures: readonly FileFailure[] }) {
  const { t, i18n } = useTranslation()
  if (failures.length === 0) return null
  return (
    <div role="alert" className="alert alert-error" data-testid="attachment-errors">
      <ul className="plain-list">
        {failures.map((f, index) => (
          <li key={`${index}-${f.name}`}>
            {t('attachments.failed', { name: f.name, reason: describeError(f.error, t, i18n.language) })}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Uploads files to an entry one by one; the reasons of those refused, per file. */
export async function uploadAll(
  entryId: string,
  files: readonly File[],
): Promise<{ attached: AttachmentSummary[]; failed: FileFailure[] }> {
  const attached: AttachmentSummary[] = []
  const failed: FileFailure[] = []
  for (const file of files) {
    try {
      const a = await uploadAttachment(entryId, file)
      attached.push({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size })
    } catch (error) {
      failed.push({ name: file.name, error })
    }
  }
  return { attached, failed }
}

/** "Attach a file" under an entry of the user's own organisation: a small disclosed form. */
export function AttachControl({
  entry,
  entryLabel,
  onAttached,
}: {
  readonly entry: LogEntryRecord
  readonly entryLabel: string
  readonly onAttached: (attachment: AttachmentSummary) => void
}) {
  const { t } = useTranslation()
  const formId = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failures, setFailures] = useState<readonly FileFailure[]>([])
  const [status, setStatus] = useState<string | null>(null)

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    const files = [...(fileRef.current?.files ?? [])]
    if (busy || files.length === 0) return
    setBusy(true)
    setFailures([])
    setStatus(null)
    const { attached, failed } = await uploadAll(entry.id, files)
    setBusy(false)
    for (const a of attached) onAttached(a)
    if (attached.length > 0) setStatus(t('attachments.attached', { number: attached.length }))
    setFailures(failed)
    if (failed.length === 0) {
      if (fileRef.current) fileRef.current.value = ''
      setOpen(false)
    }
  }

  return (
    <div className="log-attach">
      <button
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('attachments.attach')}
        <span className="visually-hidden"> — {entryLabel}</span>
      </button>
      <LiveStatus message={status} quiet />
      <form id={formId} hidden={!open} noValidate onSubmit={(event) => void submit(event)}>
        <FileFailures failures={failures} />
        <FileField
          label={
            <>
              {t('attachments.chooseFile')}
              <span className="visually-hidden"> — {t('attachments.attachTo', { entry: entryLabel })}</span>
            </>
          }
          inputRef={fileRef}
          multiple
          accept={acceptedFiles}
        />
        <button type="submit" className="button button-small" aria-disabled={busy || undefined}>
          {busy ? t('attachments.uploading') : t('attachments.upload')}
        </button>
      </form>
    </div>
  )
}
