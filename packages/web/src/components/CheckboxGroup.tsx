import { useId } from 'react'

export interface CheckboxOption {
  readonly value: string
  readonly label: string
  readonly hint?: string
}

export interface CheckboxGroupProps {
  readonly legend: string
  readonly options: readonly CheckboxOption[]
  readonly selected: readonly string[]
  readonly onChange: (selected: string[]) => void
  readonly error?: string | null
}

/** A fieldset of check boxes; its error is tied to the group. The selection keeps the options' order. */
export function CheckboxGroup(props: CheckboxGroupProps) {
  const id = useId()
  const errorId = `${id}-error`
  const toggle = (value: string, checked: boolean): void => {
    const next = new Set(props.selected)
    if (checked) next.add(value)
    else next.delete(value)
    props.onChange(props.options.map((o) => o.value).filter((v) => next.has(v)))
  }
  return (
    <fieldset
      className={props.error ? 'checkbox-group field-invalid' : 'checkbox-group'}
      aria-describedby={props.error ? errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
      {props.options.map((option) => {
        const optionId = `${id}-${option.value}`
        return (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={optionId}
              checked={props.selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint && (
              <span id={`${optionId}-hint`} className="checkbox-hint">
                {option.hint}
              </span>
            )}
          </div>
        )
      })}
    </fieldset>
  )
}
