import type { HTMLAttributes, Ref } from 'react'
import { useId } from 'react'

export interface TextFieldProps {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly type?: 'text' | 'password' | 'number' | 'datetime-local' | 'search'
  readonly hint?: string
  /** Shown under the field, tied to it with aria-describedby, and marks it invalid. */
  readonly error?: string | null
  /** Ids of other elements that describe the field (a form-level alert, for example). */
  readonly describedBy?: readonly string[]
  readonly autoComplete?: string
  readonly inputMode?: HTMLAttributes<HTMLInputElement>['inputMode']
  readonly required?: boolean
  readonly maxLength?: number
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  readonly spellCheck?: boolean
  readonly inputRef?: Ref<HTMLInputElement>
  readonly testId?: string
}

/** A labelled input with its hint and its error, both announced with the field. */
export function TextField(props: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [
    ...(props.hint ? [hintId] : []),
    ...(props.error ? [errorId] : []),
    ...(props.describedBy ?? []),
  ]
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
      <input
        id={id}
        ref={props.inputRef}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
        aria-invalid={props.error ? true : undefined}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        pattern={props.pattern}
        spellCheck={props.spellCheck}
        data-testid={props.testId}
      />
    </div>
  )
}
