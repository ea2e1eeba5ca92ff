import type { ReactNode } from 'react'
import { useId } from 'react'

/** What a field's control takes from its frame: its id, and what describes it. */
export interface FieldControl {
  readonly id: string
  readonly 'aria-describedby': string | undefined
  readonly 'aria-invalid': true | undefined
}

export interface FieldFrameProps {
  readonly label: ReactNode
  readonly hint?: string | undefined
  /** Shown under the label, tied to the control with aria-describedby, and marks it invalid. */
  readonly error?: string | null | undefined
  /** Ids of other elements that describe the control (a form-level alert, for example). */
  readonly describedBy?: readonly string[] | undefined
  /** Renders the control with the props that tie it to its label, hint and error. */
  readonly children: (control: FieldControl) => ReactNode
}

/** The frame every field shares: a label, a hint and an error, all announced with the control. */
export function FieldFrame({ label, hint, error, describedBy = [], children }: FieldFrameProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const described = [...(hint ? [hintId] : []), ...(error ? [errorId] : []), ...describedBy]
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {children({
        id,
        'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
        'aria-invalid': error ? true : undefined,
      })}
    </div>
  )
}
