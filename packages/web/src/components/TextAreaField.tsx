import type { KeyboardEvent, Ref } from 'react'
import { FieldFrame } from './FieldFrame.tsx'

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
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <textarea
          {...control}
          ref={props.textAreaRef}
          value={props.value}
          rows={props.rows ?? 3}
          maxLength={props.maxLength}
          required={props.required}
          onChange={(event) => props.onChange(event.target.value)}
          onKeyDown={props.onKeyDown}
          data-testid={props.testId}
        />
      )}
    </FieldFrame>
  )
}
