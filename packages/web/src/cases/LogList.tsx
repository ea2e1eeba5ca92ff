import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentSummary, LogEntryRecord } from '../api/casesApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { formatDateTime } from '../i18n/formatDateTime.ts'
import { AttachmentLinks, AttachControl } from './Attachments.tsx'
import { newerFirst } from '../lists/pageMerging.ts'
import { mergeEntry, pointLabel } from './caseHelpers.ts'

export interface LogActions {
  readonly onCorrect?: (entry: LogEntryRecord) => void
  readonly onMakeTask?: (entry: LogEntryRecord) => void
  readonly onMakeDecision?: (entry: LogEntryRecord) => void
  readonly onMakeCase?: (entry: LogEntryRecord) => void
}

/** The order of the node's logs: newest first by when it happened, then by id. */
export const entryFirst = newerFirst<LogEntryRecord>(
  (e) => e.occurredAt,
  (e) => e.id,
)

/**
 * Adds `entry` to `entries` (newest first) in its place (or refreshes it if it is there
 * already), and marks the entry it corrects.
 */
export function withEntry(entries: readonly LogEntryRecord[], entry: LogEntryRecord): LogEntryRecord[] {
  if (entries.some((e) => e.id === entry.id))
    return entries.map((e) => (e.id === entry.id ? mergeEntry(e, entry) : e))
  const marked = entries.map((e) => (entry.supersedes === e.id ? { ...e, supersededBy: entry.id } : e))
  const at = marked.findIndex((e) => entryFirst(entry, e))
  return at < 0 ? [...marked, entry] : [...marked.slice(0, at), entry, ...marked.slice(at)]
}

/** Log entries as given (newest first), each with its times, author, discipline, source and corrections. */
export function LogList({
  entries,
  actions = {},
  label,
  testId,
  attachOrgId,
}: {
  readonly entries: readonly LogEntryRecord[]
  readonly actions?: LogActions
  readonly label: string
  readonly testId: string
  /** Entries of this organisation get an "Attach a file" control; none when absent. */
  readonly attachOrgId?: string
}) {
  const { t, i18n } = useTranslation()
  // files attached here since the entries were loaded, by entry id
  const [added, setAdded] = useState<Readonly<Record<string, readonly AttachmentSummary[]>>>({})
  const byId = new Map(entries.map((e) => [e.id, e]))
  const correctedBy = new Map<string, LogEntryRecord>()
  for (const e of entries) if (e.supersedes) correctedBy.set(e.supersedes, e)
  const describe = (e: LogEntryRecord): string =>
    t('log.entryRef', { time: formatDateTime(e.occurredAt, i18n.language), author: e.authorName })

  if (entries.length === 0) return <p className="muted">{t('log.empty')}</p>
  return (
    <ol className="log-list" aria-label={label} data-testid={testId}>
      {entries.map((entry) => {
        const corrected =
          correctedBy.get(entry.id) ?? (entry.supersededBy ? byId.get(entry.supersededBy) : undefined)
        const corrects = entry.supersedes ? byId.get(entry.supersedes) : undefined
        const isCorrected = corrected !== undefined || Boolean(entry.supersededBy)
        return (
          <li key={entry.id} className={isCorrected ? 'log-entry log-entry-corrected' : 'log-entry'}>
            <p className="log-meta">
              <span>
                {t('log.occurred')} {entry.occurred?.qualifier === 'approximate' ? '~' : ''}
                <DateTime value={entry.occurredAt} />
              </span>
              <span className="muted">
                {t('log.recorded')} <DateTime value={entry.recordedAt} />
              </span>
              <span className="log-author">{entry.authorName}</span>
              <span className="tag tag-muted">{t(`disciplines.${entry.discipline}`)}</span>
              <span>
                {t('log.via')} {t(`logSources.${entry.source}`)}
              </span>
              {entry.location && (
                <span data-testid="log-location">
                  {t('cases.location')}: {pointLabel(entry.location)}
                </span>
              )}
            </p>
            <p className="log-text">{entry.text}</p>
            <AttachmentLinks
              attachments={[
                ...(entry.attachments ?? []),
                ...(added[entry.id] ?? []).filter((a) => !entry.attachments?.some((b) => b.id === a.id)),
              ]}
            />
            {isCorrected && (
              <p className="log-correction">
                <span className="tag tag-warning">{t('log.correctedTag')}</span>{' '}
                {corrected ? t('log.correctedBy', { entry: describe(corrected) }) : t('log.correctedLater')}
              </p>
            )}
            {entry.supersedes && (
              <p className="log-correction">
                <span className="tag">{t('log.correctionTag')}</span>{' '}
                {corrects ? t('log.corrects', { entry: describe(corrects) }) : t('log.correctsEarlier')}
              </p>
            )}
            {attachOrgId !== undefined && entry.orgId === attachOrgId && (
              <AttachControl
                entry={entry}
                entryLabel={describe(entry)}
                onAttached={(attachment) =>
                  setAdded((a) => ({ ...a, [entry.id]: [...(a[entry.id] ?? []), attachment] }))
                }
              />
            )}
            {(actions.onCorrect || actions.onMakeTask || actions.onMakeDecision || actions.onMakeCase) && (
              <div className="button-row log-actions">
                {actions.onCorrect && !isCorrected && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => actions.onCorrect?.(entry)}
                  >
                    {t('log.correct')}
                    <span className="visually-hidden"> {describe(entry)}</span>
                  </button>
                )}
                {actions.onMakeTask && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => actions.onMakeTask?.(entry)}
                  >
                    {t('log.makeTask')}
                    <span className="visually-hidden"> {describe(entry)}</span>
                  </button>
                )}
                {actions.onMakeDecision && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => actions.onMakeDecision?.(entry)}
                  >
                    {t('log.makeDecision')}
                    <span className="visually-hidden"> {describe(entry)}</span>
                  </button>
                )}
                {actions.onMakeCase && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => actions.onMakeCase?.(entry)}
                  >
                    {t('promote.makeCase')}
                    <span className="visually-hidden"> {describe(entry)}</span>
                  </button>
                )}
              </div>
            )}
          </li>
        )
      })}
    </ol>
  )
}
