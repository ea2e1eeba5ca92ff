import type { KeyboardEvent, Ref } from 'react'
import { useId } from 'react'

export interface TextAreaFieldProps {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly hint?: string
  readonly error?: string | null
  readonly rows?: number
  readonly maxLength?: number
  readonly required?: boolean
  readonly textAreaRef?: Ref<HTMLTextAreaElement>
  readonly onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void
  readonly testId?: string
}

/** A labelled text area with its hint and its error, both announced with the field. */
export function TextAreaField(props: TextAreaFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [...(props.hint ? [hintId] : []), ...(props.error ? [errorId] : [])]
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
      <textarea
        id={id}
        ref={props.textAreaRef}
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        required={props.required}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={props.onKeyDown}
        aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
        aria-invalid={props.error ? true : undefined}
        data-testid={props.testId}
      />
    </div>
  )
}
