import type { FormEvent } from 'react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRecord } from '../api/casesApi.ts'
import { updateCase } from '../api/casesApi.ts'
import type { OrganisationRecord } from '../api/nodeApi.ts'
import { CardForm } from '../components/CardForm.tsx'
import { CheckboxGroup } from '../components/CheckboxGroup.tsx'
import { useSubmit } from '../hooks/useSubmit.ts'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'

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
  const others = organisations.filter((o) => o.id !== theCase.ownerOrgId)
  const [chosen, setChosen] = useState<string[]>(() =>
    others.filter((o) => theCase.participants.includes(o.id)).map((o) => o.code),
  )
  const { busy, error, setError, run } = useSubmit()

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    setError(null)
    await run(async () => {
      onSaved(await updateCase(theCase.id, { participants: chosen }))
    })
  }

  return (
    <CardForm
      title={t('caseRoom.participantsTitle')}
      testId="participants-form"
      onSubmit={submit}
      error={error}
      headingLevel={2}
    >
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
      <SubmitCancelRow label={t('caseRoom.saveParticipants')} busy={busy} onCancel={onCancel} />
    </CardForm>
  )
}
