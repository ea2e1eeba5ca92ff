import { LiaisonError } from '@liaison/core'
import { Type } from 'typebox'

/** C0 controls (CR, LF, TAB among them), DEL and C1 controls: never in a file name. */
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/

/** The header schema of a file upload: its name, URI-encoded, in X-Filename. */
export const FileNameHeaders = Type.Object({
  'x-filename': Type.String({
    minLength: 1,
    maxLength: 2000,
    description:
      "the file's name, URI-encoded (encodeURIComponent): 1 to 200 characters, no control characters",
  }),
})

/** The file name an upload's X-Filename gives, decoded; a `400 validation_failed` naming X-Filename otherwise. */
export function fileNameFromHeader(header: string | string[] | undefined): string {
  const refuse = (message: string) =>
    new LiaisonError('validation_failed', `X-Filename: ${message}`, [{ path: 'headers/x-filename', message }])
  if (typeof header !== 'string' || header.trim() === '') throw refuse("send the file's name, URI-encoded")
  let name: string
  try {
    name = decodeURIComponent(header)
  } catch {
    throw refuse('not a URI-encoded name (a broken percent escape, or bytes that are not UTF-8)')
  }
  if (controlCharacter.test(name)) throw refuse('must not contain control characters (CR, LF, TAB, …)')
  if (name.trim() === '') throw refuse('must not be empty')
  return name
}
