import type { FormEvent } from 'react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanDocument } from '../api/dutyApi.ts'
import { uploadPlanDocument } from '../api/dutyApi.ts'
import { CardForm } from '../components/CardForm.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { FileField } from '../components/FileField.tsx'
import { sizeLabel } from '../components/sizeLabel.ts'
import { useSubmit } from '../hooks/useSubmit.ts'
import { describeError } from '../i18n/describeError.ts'
import { PlanDocumentLink } from './PlanDocumentLink.tsx'
import type { PlanDocumentProblem } from './planDocumentRules.ts'
import {
  planDocumentAccept,
  planDocumentKind,
  planDocumentProblem,
  planUploadRefusal,
} from './planDocumentRules.ts'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'

/** Uploads a new version of a plan's document (the keeping organisation): it becomes the current one. */
export function PlanDocumentUpload({
  plan,
  onUploaded,
  onCancel,
}: {
  readonly plan: {
    readonly id: string
    readonly title: string
    readonly currentDocument?: PlanDocument | null | undefined
  }
  readonly onUploaded: (document: PlanDocument) => void
  readonly onCancel: () => void
}) {
  const { t, i18n } = useTranslation()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<{ readonly error: unknown; readonly message: string } | null>(null)
  const { busy, run } = useSubmit()

  useEffect(() => headingRef.current?.focus(), [])

  /** The page's own sentence for a file it or the node refuses. */
  const refusedMessage = (why: PlanDocumentProblem, file: File): string => {
    const size = sizeLabel(file.size)
    const kind = planDocumentKind(file)?.kind ?? 'pdf'
    return t(`plans.refused.${why}`, {
      name: file.name,
      size: t(`files.${size.key}`, { size: size.size }),
      kind: t(`plans.kinds.${kind}`),
    })
  }

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    setRefusal(null)
    const file = fileRef.current?.files?.[0]
    const found = file ? planDocumentProblem(file) : null
    if (!file || found) {
      setProblem(file && found ? refusedMessage(found, file) : t('plans.chooseFile'))
      fileRef.current?.focus()
      return
    }
    setProblem(null)
    // declare what the file is (a browser may not know an .odt); the node checks the content
    const kind = planDocumentKind(file)
    const declared = kind && kind.type !== file.type ? new File([file], file.name, { type: kind.type }) : file
    await run(
      async () => {
        const document = await uploadPlanDocument(plan.id, declared)
        if (fileRef.current) fileRef.current.value = ''
        onUploaded(document)
      },
      // the page's own sentence, naming the file, rather than the error code's
      (caught) => {
        const why = planUploadRefusal(caught)
        setRefusal({
          error: caught,
          message: why
            ? refusedMessage(why, file)
            : t('plans.failed', { name: file.name, reason: describeError(caught, t, i18n.language) }),
        })
      },
    )
  }

  return (
    <CardForm
      title={t('plans.uploadTitle', { title: plan.title })}
      testId="plan-upload-form"
      onSubmit={submit}
      // refusals are shown below the current document, with the page's own sentence
      error={null}
      headingRef={headingRef}
    >
      <p>
        {t('plans.currentDocument')}{' '}
        {plan.currentDocument ? (
          <PlanDocumentLink document={plan.currentDocument} />
        ) : (
          <span className="muted">{t('plans.noDocument')}</span>
        )}
      </p>
      {refusal && <ErrorAlert error={refusal.error} message={refusal.message} testId="plan-upload-error" />}
      <FileField
        label={t('plans.uploadFile')}
        hint={t('plans.uploadHint')}
        error={problem}
        inputRef={fileRef}
        accept={planDocumentAccept}
        onChange={() => {
          setProblem(null)
          setRefusal(null)
        }}
        testId="plan-file"
      />
      <SubmitCancelRow
        label={busy ? t('plans.uploading') : t('plans.uploadButton')}
        busy={busy}
        onCancel={onCancel}
      />
    </CardForm>
  )
}
