import type { FormEvent, ReactNode, Ref } from 'react'
import { useId } from 'react'
import { ErrorAlert } from './ErrorAlert.tsx'

export interface CardFormProps {
  /** The heading, which also names the form. */
  readonly title: ReactNode
  readonly testId: string
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>
  /** Shown under the heading unless `null`; a form that says more about its errors passes `null`. */
  readonly error: unknown
  readonly headingLevel?: 2 | 3
  /** Given, the heading can take the keyboard's focus (`tabIndex` -1). */
  readonly headingRef?: Ref<HTMLHeadingElement>
  readonly className?: string
  readonly children: ReactNode
}

/** A form named by its heading, with the error of its last submit under it. */
export function CardForm({
  title,
  testId,
  onSubmit,
  error,
  headingLevel = 3,
  headingRef,
  className = 'card',
  children,
}: CardFormProps) {
  const headingId = useId()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <form
      className={className}
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => void onSubmit(event)}
      data-testid={testId}
    >
      <Heading id={headingId} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </Heading>
      {error !== null && <ErrorAlert error={error} />}
      {children}
    </form>
  )
}
