import type { TaskPriority, TaskState } from '@liaison/core'
import type { FormEvent, ReactNode } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LogEntryRecord, TaskRecord } from '../api/casesApi.ts'
import { createTask, updateTask } from '../api/casesApi.ts'
import type { RosterPerson } from '../api/dutyApi.ts'
import { fetchRoster } from '../api/dutyApi.ts'
import type { OrganisationRecord } from '../api/nodeApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { fromBrusselsLocal, toBrusselsLocal } from '../i18n/brusselsTime.ts'
import { nextTaskStates, taskPriorities } from '@liaison/core'

export interface TasksPanelProps {
  readonly caseId: string
  readonly tasks: readonly TaskRecord[]
  /** The end of the list: what reads the next page (none on the last). */
  readonly more?: ReactNode
  readonly mayWrite: boolean
  /** Whether a task may be moved on: the task's assignee or the case's owner. */
  readonly mayMove: (task: TaskRecord) => boolean
  /** The organisations that may be given a task: the owner and those taking part. */
  readonly assignees: readonly OrganisationRecord[]
  readonly nameOf: (orgId: string) => string
  /** The caller's organisation code: only its people can be offered (from the roster). */
  readonly ownOrgCode: string
  /** The entry being made a task, if any. */
  readonly from: LogEntryRecord | null
  readonly onFromDone: () => void
  readonly onChanged: () => void
}

/** A case's tasks with buttons to move them on, and the form for a new one. */
export function TasksPanel(props: TasksPanelProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const titleRef = useRef<HTMLInputElement>(null)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [assignee, setAssignee] = useState('')
  const [dueAt, setDueAt] = useState('')
  const [priority, setPriority] = useState<TaskPriority>('normal')
  const [person, setPerson] = useState('')
  const [people, setPeople] = useState<readonly RosterPerson[]>([])
  const [dueEditing, setDueEditing] = useState<string | null>(null)
  const [newDue, setNewDue] = useState('')
  const [dueProblem, setDueProblem] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const { busy, error, setError, run } = useSubmit()
  const { from, mayWrite } = props
  const toOwnOrganisation = assignee === '' || assignee === props.ownOrgCode

  useEffect(() => {
    if (!mayWrite) return
    let current = true
    fetchRoster().then(
      (answer) => current && setPeople(answer.people ?? []),
      () => current && setPeople([]), // no roster to read: no person is offered
    )
    return () => {
      current = false
    }
  }, [mayWrite])

  const personName = (id: string | null): string | null =>
    id === null ? null : (people.find((p) => p.id === id)?.displayName ?? null)

  useEffect(() => {
    if (!from) return
    setTitle(from.text.slice(0, 200))
    setDescription(from.text.length > 200 ? from.text : '')
    titleRef.current?.focus()
  }, [from])

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const trimmed = title.trim()
    if (trimmed.length < 2 || trimmed.length > 200) {
      setProblem(t('tasks.problemTitle'))
      titleRef.current?.focus()
      return
    }
    setProblem(null)
    setError(null)
    await run(async () => {
      const due = dueAt ? fromBrusselsLocal(dueAt) : null
      const created = await createTask(props.caseId, {
        title: trimmed,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(assignee ? { assigneeOrg: assignee } : {}),
        ...(person && toOwnOrganisation ? { assigneeUserId: person } : {}),
        ...(due ? { dueAt: due } : {}),
        priority,
        ...(from ? { fromLogEntry: from.id } : {}),
      })
      setTitle('')
      setDescription('')
      setDueAt('')
      setPerson('')
      setStatus(t('tasks.created', { title: created.title }))
      props.onFromDone()
      props.onChanged()
    })
  }

  const move = async (task: TaskRecord, state: TaskState): Promise<void> => {
    setError(null)
    try {
      await updateTask(task.id, { state })
      setStatus(t('tasks.moved', { title: task.title, state: t(`taskStates.${state}`) }))
      props.onChanged()
    } catch (caught) {
      setError(caught)
    }
  }

  const startDueEdit = (task: TaskRecord): void => {
    setDueEditing(task.id)
    setNewDue(toBrusselsLocal(task.dueAt))
    setDueProblem(null)
  }

  const saveDue = async (event: FormEvent<HTMLFormElement>, task: TaskRecord): Promise<void> => {
    event.preventDefault()
    const due = newDue ? fromBrusselsLocal(newDue) : null
    if (newDue && !due) {
      setDueProblem(t('tasks.problemDue'))
      return
    }
    setDueProblem(null)
    setError(null)
    try {
      await updateTask(task.id, { dueAt: due })
      setDueEditing(null)
      setStatus(t('tasks.dueChanged', { title: task.title }))
      props.onChanged()
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <section aria-labelledby={headingId} className="case-panel">
      <h2 id={headingId}>{t('tasks.title')}</h2>
      <LiveStatus message={status} />
      {error !== null && <ErrorAlert error={error} />}
      {props.tasks.length === 0 ? (
        <p className="muted">{t('tasks.empty')}</p>
      ) : (
        <table className="table table-dense" data-testid="tasks-table">
          <caption className="visually-hidden">{t('tasks.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tasks.task')}</th>
              <th scope="col">{t('tasks.assignee')}</th>
              <th scope="col">{t('tasks.due')}</th>
              <th scope="col">{t('tasks.priority')}</th>
              <th scope="col">{t('tasks.state')}</th>
              {props.mayWrite && <th scope="col">{t('tasks.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((task) => (
              <tr key={task.id} className={task.overdue ? 'row-overdue' : undefined}>
                <td>
                  {task.title}
                  {task.fromLogEntry && <span className="muted"> · {t('tasks.fromLog')}</span>}
                </td>
                <td>
                  {props.nameOf(task.assigneeOrgId)}
                  {task.assigneeUserId && (
                    <span className="muted"> · {personName(task.assigneeUserId) ?? t('tasks.aPerson')}</span>
                  )}
                </td>
                <td>
                  {task.dueAt ? <DateTime value={task.dueAt} /> : '—'}
                  {task.overdue && (
                    <>
                      {' '}
                      <span className="tag tag-warning">{t('tasks.overdue')}</span>
                    </>
                  )}
                  {dueEditing === task.id && (
                    <form
                      noValidate
                      onSubmit={(event) => void saveDue(event, task)}
                      data-testid="task-due-form"
                    >
                      <TextField
                        label={t('tasks.newDueAt', { title: task.title })}
                        hint={t('tasks.newDueAtHint')}
                        type="datetime-local"
                        value={newDue}
                        onChange={setNewDue}
                        error={dueProblem}
                        testId="task-due-input"
                      />
                      <div className="button-row">
                        <button type="submit" className="button button-small button-primary">
                          {t('tasks.saveDue')}
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setDueEditing(null)}
                        >
                          {t('app.cancel')}
                        </button>
                      </div>
                    </form>
                  )}
                </td>
                <td>{t(`taskPriorities.${task.priority}`)}</td>
                <td>{t(`taskStates.${task.state}`)}</td>
                {props.mayWrite && (
                  <td>
                    <div className="button-row">
                      {(props.mayMove(task) ? nextTaskStates(task.state) : []).map((state) => (
                        <button
                          key={state}
                          type="button"
                          className="button button-small"
                          onClick={() => void move(task, state)}
                        >
                          {t(`tasks.to.${state}`)}
                          <span className="visually-hidden">: {task.title}</span>
                        </button>
                      ))}
                      {props.mayMove(task) && dueEditing !== task.id && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => startDueEdit(task)}
                        >
                          {t('tasks.changeDue')}
                          <span className="visually-hidden">: {task.title}</span>
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.more}
      {props.mayWrite && (
        <form className="card" noValidate onSubmit={(event) => void submit(event)} data-testid="task-form">
          <h3>{from ? t('tasks.fromEntryTitle') : t('tasks.newTitle')}</h3>
          <TextField
            label={t('tasks.task')}
            value={title}
            onChange={setTitle}
            inputRef={titleRef}
            maxLength={200}
            required
            error={problem}
          />
          <TextAreaField
            label={t('tasks.description')}
            value={description}
            onChange={setDescription}
            rows={2}
          />
          <div className="field-row">
            <SelectField
              label={t('tasks.assignee')}
              value={assignee}
              options={[
                { value: '', label: t('tasks.ownOrganisation') },
                ...props.assignees.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` })),
              ]}
              onChange={(value) => {
                setAssignee(value)
                if (value !== '' && value !== props.ownOrgCode) setPerson('')
              }}
            />
            {toOwnOrganisation && people.length > 0 && (
              <SelectField
                label={t('tasks.person')}
                value={person}
                options={[
                  { value: '', label: t('tasks.anyone') },
                  ...people.map((p) => ({ value: p.id, label: p.displayName })),
                ]}
                onChange={setPerson}
                testId="task-person"
              />
            )}
            <TextField
              label={t('tasks.dueAt')}
              hint={t('tasks.dueAtHint')}
              type="datetime-local"
              value={dueAt}
              onChange={setDueAt}
            />
            <SelectField
              label={t('tasks.priority')}
              value={priority}
              options={taskPriorities.map((p) => ({ value: p, label: t(`taskPriorities.${p}`) }))}
              onChange={(value) => setPriority(taskPriorities.find((p) => p === value) ?? 'normal')}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
              {t('tasks.create')}
            </button>
            {from && (
              <button type="button" className="button" onClick={props.onFromDone}>
                {t('app.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  )
}
