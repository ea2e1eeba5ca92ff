import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRecord } from '../api/casesApi.ts'
import { updateCase } from '../api/casesApi.ts'
import type { OrganisationRecord } from '../api/nodeApi.ts'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'

export interface ParticipantsEditorProps {
  readonly theCase: CaseRecord
  /** All organisations known to the node; the owner is left out. */
  readonly organisations: readonly OrganisationRecord[]
  readonly onSaved: (saved: CaseRecord) => void
  readonly onCancel: () => void
}

/** The owner's choice of the organisations taking part in a case (by code). */
export function ParticipantsEditor({ theCase, organisations, onSaved, onCancel }: ParticipantsEditorProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const others = organisations.filter((o) => o.id !== theCase.ownerOrgId)
  const [chosen, setChosen] = useState<string[]>(() =>
    others.filter((o) => theCase.participants.includes(o.id)).map((o) => o.code),
  )
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    setError(null)
    setBusy(true)
    try {
      onSaved(await updateCase(theCase.id, { participants: chosen }))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="card"
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => void submit(event)}
      data-testid="participants-form"
    >
      <h2 id={headingId}>{t('caseRoom.participantsTitle')}</h2>
      {error !== null && <ErrorAlert error={error} />}
      {others.length === 0 ? (
        <p className="muted">{t('caseRoom.noOtherOrganisations')}</p>
      ) : (
        <CheckboxGroup
          legend={t('cases.participants')}
          options={others.map((o) => ({ value: o.code, label: o.name, hint: o.code }))}
          selected={chosen}
          onChange={setChosen}
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {t('caseRoom.saveParticipants')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  )
}
