import type { HTMLAttributes, Ref } from 'react'
import { FieldFrame } from './FieldFrame.tsx'

export interface TextFieldProps {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly type?: 'text' | 'password' | 'number' | 'datetime-local' | 'search' | 'email' | 'tel'
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
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error} describedBy={props.describedBy}>
      {(control) => (
        <input
          {...control}
          ref={props.inputRef}
          type={props.type ?? 'text'}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
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
      )}
    </FieldFrame>
  )
}
