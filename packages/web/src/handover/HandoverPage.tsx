import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HandoverRecord } from '../api/dutyApi.ts'
import { fetchRoster, listHandovers, prepareHandover, signOffHandover } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { HandoverReportView } from './HandoverReportView.tsx'
import { RosterPanel } from './RosterPanel.tsx'

/** One handover in the list: its period, who wrote it, its notes and report, and its sign-off. */
function HandoverItem({
  handover,
  me,
  people,
  open,
  onSignedOff,
}: {
  readonly handover: HandoverRecord
  readonly me: Me
  /** The organisation's active people, by id. */
  readonly people: ReadonlyMap<string, string>
  readonly open: boolean
  readonly onSignedOff: () => void
}) {
  const { t } = useTranslation()
  const explainId = useId()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const mine = handover.outgoingUserId === me.user.id
  const nameOf = (userId: string): string | null =>
    userId === me.user.id
      ? me.user.displayName
      : (people.get(userId) ??
        (userId === handover.outgoingUserId ? handover.outgoingName : undefined) ??
        (userId === handover.signedOffBy ? handover.signedOffByName : undefined) ??
        null)
  const mayManage = me.permissions.includes('cases.manage')

  const signOff = async (): Promise<void> => {
    if (mine || busy) return
    setBusy(true)
    setError(null)
    try {
      await signOffHandover(handover.id)
      onSignedOff()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <li className="card handover" data-testid="handover">
      <h3>
        {t('handover.period')} <DateTime value={handover.periodFrom} /> –{' '}
        <DateTime value={handover.periodTo} />
      </h3>
      <p className="muted">
        {mine
          ? t('handover.preparedByYou')
          : handover.outgoingName
            ? t('handover.preparedByName', { name: handover.outgoingName })
            : t('handover.preparedByOther')}{' '}
        ·{' '}
        {handover.signedOffAt ? (
          <strong data-testid="handover-signed">
            {t('handover.signedOffAt')} <DateTime value={handover.signedOffAt} />
            {handover.signedOffBy === me.user.id
              ? ` (${t('handover.byYou')})`
              : handover.signedOffByName && ` (${t('handover.byName', { name: handover.signedOffByName })})`}
          </strong>
        ) : (
          <span className="tag tag-warning">{t('handover.awaitingSignOff')}</span>
        )}
      </p>
      {handover.notes && (
        <>
          <h4>{t('handover.notes')}</h4>
          <p className="pre-wrap">{handover.notes}</p>
        </>
      )}
      <details open={open}>
        <summary>{t('handover.report')}</summary>
        <HandoverReportView report={handover.report} headingLevel={4} nameOf={nameOf} />
      </details>
      {!handover.signedOffAt && mayManage && (
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            aria-disabled={mine || busy || undefined}
            aria-describedby={mine ? explainId : undefined}
            onClick={() => void signOff()}
          >
            {t('handover.signOff')}
          </button>
          {mine && (
            <p id={explainId} className="field-hint">
              {t('handover.signOffNotYours')}
            </p>
          )}
        </div>
      )}
      {error !== null && <ErrorAlert error={error} />}
    </li>
  )
}

/** The shift change: who is on duty, the roster, and the handover the incoming officer signs off. */
export function HandoverPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const prepareId = useId()
  const listId = useId()
  const handovers = useLoad(listHandovers)
  const roster = useLoad(fetchRoster)
  const people = new Map((roster.data?.people ?? []).map((p) => [p.id, p.displayName]))
  const [notes, setNotes] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const mayManage = me.permissions.includes('cases.manage')
  const reload = useDebounced(handovers.reload)

  useLiveEvents((event) => {
    if (event.kind === 'handover.prepared' || event.kind === 'handover.signed-off') reload()
  })

  const prepare = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await prepareHandover(notes)
      setNotes('')
      setStatus(t('handover.prepared'))
      handovers.reload()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const items = handovers.data?.items ?? []

  return (
    <>
      <h1>{t('handover.title')}</h1>
      <p className="lead">{t('handover.intro')}</p>

      <RosterPanel me={me} roster={roster} />

      {mayManage && (
        <section aria-labelledby={prepareId}>
          <h2 id={prepareId}>{t('handover.prepareTitle')}</h2>
          <form className="card" noValidate onSubmit={(e) => void prepare(e)} data-testid="handover-form">
            {error !== null && <ErrorAlert error={error} />}
            <TextAreaField
              label={t('handover.notes')}
              hint={t('handover.notesHint')}
              value={notes}
              onChange={setNotes}
              rows={4}
              maxLength={10_000}
            />
            <div className="button-row">
              <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
                {t('handover.prepare')}
              </button>
            </div>
          </form>
        </section>
      )}
      <LiveStatus message={status} />

      <section aria-labelledby={listId}>
        <h2 id={listId}>{t('handover.recent')}</h2>
        {handovers.error !== null && <ErrorAlert error={handovers.error} />}
        {handovers.loading && !handovers.data && <p role="status">{t('app.loading')}</p>}
        {handovers.data && items.length === 0 && <p className="muted">{t('handover.empty')}</p>}
        {items.length > 0 && (
          <ul className="plain-list handover-list" data-testid="handovers">
            {items.map((h, i) => (
              <HandoverItem
                key={h.id}
                handover={h}
                me={me}
                people={people}
                open={i === 0}
                onSignedOff={() => {
                  setStatus(t('handover.signedOff'))
                  handovers.reload()
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
