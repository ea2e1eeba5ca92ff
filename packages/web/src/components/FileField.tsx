import type { ReactNode, Ref } from 'react'
import { FieldFrame } from './FieldFrame.tsx'

export interface FileFieldProps {
  readonly label: ReactNode
  readonly hint?: string
  readonly error?: string | null
  /** What the browser's file chooser offers: types and extensions, comma-separated. */
  readonly accept: string
  readonly multiple?: boolean
  readonly inputRef?: Ref<HTMLInputElement>
  readonly onChange?: () => void
  readonly testId?: string
}

/** A labelled file input with its hint and its error (the node checks what is sent whatever the browser says). */
export function FileField(props: FileFieldProps) {
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          ref={props.inputRef}
          type="file"
          multiple={props.multiple}
          accept={props.accept}
          onChange={props.onChange}
          data-testid={props.testId}
        />
      )}
    </FieldFrame>
  )
}
