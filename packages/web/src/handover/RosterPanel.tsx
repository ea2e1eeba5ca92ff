import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/ApiError.ts'
import type { Roster, RosterPerson, ShiftRecord } from '../api/dutyApi.ts'
import { listShifts, overrideShift, saveRoster } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import type { UserRecord } from '../api/usersApi.ts'
import { listUsers } from '../api/usersApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import type { Loaded } from '../hooks/useLoad.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { brusselsFormat } from '../i18n/formatDateTime.ts'
import { brusselsZone } from '../i18n/brusselsTime.ts'
import { addDays, brusselsDate } from './brusselsDates.ts'

const rosterDays = 7

function loadShifts(): Promise<{ readonly items: readonly ShiftRecord[] } | null> {
  const today = brusselsDate(new Date())
  return listShifts(today, addDays(today, rosterDays)).catch((error: unknown) => {
    if (isApiError(error) && error.code === 'conflict') return null // no rotation yet
    throw error
  })
}

/** The rotation form, for those who may list the organisation's users. */
function RotationForm({ onSaved }: { readonly onSaved: () => void }) {
  const { t } = useTranslation()
  const users = useLoad(listUsers)
  const [startDate, setStartDate] = useState(brusselsDate(new Date()))
  const [starts, setStarts] = useState('07:00, 19:00')
  const [members, setMembers] = useState<string[]>([])
  const [problems, setProblems] = useState<{ starts?: string; members?: string; startDate?: string }>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const shiftStarts = starts
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const found = {
      ...(/^\d{4}-\d{2}-\d{2}$/.test(startDate) ? {} : { startDate: t('roster.problemDate') }),
      ...(shiftStarts.length > 0 && shiftStarts.every((s) => /^\d{2}:\d{2}$/.test(s))
        ? {}
        : { starts: t('roster.problemStarts') }),
      ...(members.length > 0 ? {} : { members: t('roster.problemMembers') }),
    }
    setProblems(found)
    setError(null)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      await saveRoster({ timeZone: brusselsZone, startDate, shiftStarts, members })
      onSaved()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const active = (users.data?.items ?? []).filter((u: UserRecord) => !u.disabled)
  return (
    <form className="card" noValidate onSubmit={(e) => void submit(e)} data-testid="rotation-form">
      <h3>{t('roster.setUpTitle')}</h3>
      {error !== null && <ErrorAlert error={error} />}
      {users.error !== null && <ErrorAlert error={users.error} />}
      <TextField
        label={t('roster.startDate')}
        hint={t('roster.startDateHint')}
        value={startDate}
        onChange={setStartDate}
        error={problems.startDate ?? null}
        maxLength={10}
      />
      <TextField
        label={t('roster.shiftStarts')}
        hint={t('roster.shiftStartsHint')}
        value={starts}
        onChange={setStarts}
        error={problems.starts ?? null}
        maxLength={60}
      />
      <CheckboxGroup
        legend={t('roster.members')}
        options={active.map((u) => ({ value: u.id, label: u.displayName }))}
        selected={members}
        onChange={setMembers}
        error={problems.members ?? null}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {t('roster.save')}
        </button>
      </div>
    </form>
  )
}

/** Put someone else on a shift (for sickness or a swap). */
function OverrideForm({
  shifts,
  people: named,
  onDone,
}: {
  readonly shifts: readonly ShiftRecord[]
  /** All active users of the organisation; those on this week's shifts when not known. */
  readonly people: readonly RosterPerson[] | undefined
  readonly onDone: (message: string) => void
}) {
  const { t, i18n } = useTranslation()
  const people: [string, string][] =
    named && named.length > 0
      ? named.map((p) => [p.id, p.displayName])
      : [...new Map(shifts.map((s) => [s.userId, s.displayName])).entries()]
  const [shiftStart, setShiftStart] = useState(shifts[0]?.start ?? '')
  const [userId, setUserId] = useState(people[0]?.[0] ?? '')
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const when = (iso: string): string =>
    brusselsFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const tooShort = reason.trim().length < 2
    setProblem(tooShort ? t('roster.problemReason') : null)
    setError(null)
    if (tooShort) return
    setBusy(true)
    try {
      const shift = await overrideShift({ shiftStart, userId, reason: reason.trim() })
      setReason('')
      onDone(t('roster.overridden', { name: shift.displayName }))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card" noValidate onSubmit={(e) => void submit(e)} data-testid="override-form">
      <h3>{t('roster.overrideTitle')}</h3>
      {error !== null && <ErrorAlert error={error} />}
      <SelectField
        label={t('roster.shift')}
        value={shiftStart}
        options={shifts.map((s) => ({ value: s.start, label: `${when(s.start)} · ${s.displayName}` }))}
        onChange={setShiftStart}
      />
      <SelectField
        label={t('roster.officer')}
        value={userId}
        options={people.map(([id, name]) => ({ value: id, label: name }))}
        onChange={setUserId}
      />
      <TextField
        label={t('roster.reason')}
        value={reason}
        onChange={setReason}
        error={problem}
        maxLength={500}
        required
      />
      <div className="button-row">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('roster.override')}
        </button>
      </div>
    </form>
  )
}

/**
 * Who is on duty now, and the shifts of the coming week in Brussels time. `roster` is loaded by
 * the page, which names people with it too.
 */
export function RosterPanel({ me, roster }: { readonly me: Me; readonly roster: Loaded<Roster> }) {
  const { t } = useTranslation()
  const headingId = useId()
  const shifts = useLoad(loadShifts)
  const [status, setStatus] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)
  const mayManage = me.permissions.includes('cases.manage')
  const mayListUsers = me.permissions.includes('users.manage')
  const items = shifts.data?.items ?? []
  const now = Date.now()
  const current = items.find((s) => Date.parse(s.start) <= now && now < Date.parse(s.end))
  const rotation = roster.data?.rotation ?? null

  return (
    <section aria-labelledby={headingId} className="roster">
      <h2 id={headingId}>{t('roster.title')}</h2>
      <LiveStatus message={status} />
      {shifts.error !== null && <ErrorAlert error={shifts.error} />}
      {shifts.loading && !shifts.data && <p role="status">{t('app.loading')}</p>}
      {!shifts.loading && shifts.data === null && shifts.error === null && (
        <p className="notice">{mayListUsers ? t('roster.noRotationAdmin') : t('roster.noRotation')}</p>
      )}
      {shifts.data && (
        <p className="on-duty" data-testid="on-duty">
          {current ? (
            <>
              <strong>{t('roster.onDutyNow', { name: current.displayName })}</strong> {t('roster.until')}{' '}
              <DateTime value={current.end} />
            </>
          ) : (
            t('roster.nobodyNow')
          )}
        </p>
      )}
      {rotation && (
        <p className="muted">
          {t('roster.rotationSummary', {
            starts: rotation.shiftStarts.join(', '),
            number: rotation.members.length,
            zone: rotation.timeZone,
          })}
        </p>
      )}
      {items.length > 0 && (
        <table className="table table-dense" data-testid="roster-table">
          <caption>{t('roster.caption', { number: rosterDays })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roster.start')}</th>
              <th scope="col">{t('roster.end')}</th>
              <th scope="col">{t('roster.officer')}</th>
              <th scope="col">{t('roster.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.start} aria-current={s === current ? 'true' : undefined}>
                <td>
                  <DateTime value={s.start} />
                </td>
                <td>
                  <DateTime value={s.end} />
                </td>
                <td>{s.displayName}</td>
                <td>
                  {s === current && <span className="tag">{t('roster.now')}</span>}{' '}
                  {s.hours !== 12 && (
                    <span className="tag tag-warning">{t('roster.hours', { number: s.hours })}</span>
                  )}{' '}
                  {s.replaces && <span className="tag tag-muted">{t('roster.replacement')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayListUsers && (editing || (shifts.data === null && !shifts.loading)) && (
        <RotationForm
          onSaved={() => {
            setEditing(false)
            setStatus(t('roster.saved'))
            shifts.reload()
            roster.reload()
          }}
        />
      )}
      {mayListUsers && rotation && !editing && (
        <button type="button" className="button button-small" onClick={() => setEditing(true)}>
          {t('roster.change')}
        </button>
      )}
      {mayManage && items.length > 0 && (
        <OverrideForm
          shifts={items}
          people={roster.data?.people}
          onDone={(message) => {
            setStatus(message)
            shifts.reload()
          }}
        />
      )}
    </section>
  )
}
