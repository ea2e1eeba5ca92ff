import { FieldFrame } from './FieldFrame.tsx'

export interface SelectFieldProps {
  readonly label: string
  readonly value: string
  readonly options: readonly { readonly value: string; readonly label: string }[]
  readonly onChange: (value: string) => void
  readonly hint?: string
  readonly error?: string | null
  readonly testId?: string
}

/** A labelled select with its hint and its error. */
export function SelectField(props: SelectFieldProps) {
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          data-testid={props.testId}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}
