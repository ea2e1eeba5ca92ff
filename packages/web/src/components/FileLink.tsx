import { FileSize } from './FileSize.tsx'

/** A stored file: a download link with its name, then its size. */
export function FileLink({
  href,
  fileName,
  size,
}: {
  readonly href: string
  readonly fileName: string
  readonly size: number
}) {
  return (
    <>
      <a href={href} download={fileName}>
        {fileName}
      </a>{' '}
      <span className="muted file-size">
        (<FileSize size={size} />)
      </span>
    </>
  )
}
