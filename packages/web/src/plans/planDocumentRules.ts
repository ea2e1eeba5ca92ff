import { planDocumentRules } from '@liaison/core'
import { isApiError } from '../api/ApiError.ts'

/** The kinds of file a plan's document may be, as the node accepts them (it checks the content too). */
export const planDocumentKinds = [
  { kind: 'pdf', type: 'application/pdf', extensions: ['.pdf'] },
  {
    kind: 'docx',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  { kind: 'odt', type: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'] },
  { kind: 'txt', type: 'text/plain', extensions: ['.txt'] },
  { kind: 'png', type: 'image/png', extensions: ['.png'] },
  { kind: 'jpeg', type: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
] as const satisfies readonly {
  readonly kind: string
  readonly type: (typeof planDocumentRules.types)[number]
  readonly extensions: readonly string[]
}[]

export type PlanDocumentKind = (typeof planDocumentKinds)[number]['kind']

/** The largest document the node takes (core's rule: 25 MiB). */
export const planDocumentMaxBytes = planDocumentRules.maxBytes

/** What the file chooser offers. */
export const planDocumentAccept = planDocumentKinds.flatMap((k) => [k.type, ...k.extensions]).join(',')

/** Why a file cannot be a plan's document, before or after sending it. */
export type PlanDocumentProblem = 'type' | 'size' | 'empty' | 'name' | 'content'

interface ChosenFile {
  readonly name: string
  /** What the browser says the file is ('' when it does not know). */
  readonly type: string
  readonly size: number
}

/**
 * The kind of file to declare: the browser's type when the node accepts it, else the one its
 * extension names (a browser often does not know .odt), else null.
 */
export function planDocumentKind(
  file: Pick<ChosenFile, 'name' | 'type'>,
): (typeof planDocumentKinds)[number] | null {
  const type = file.type.split(';')[0]?.trim().toLowerCase() ?? ''
  const name = file.name.toLowerCase()
  return (
    planDocumentKinds.find((k) => k.type === type) ??
    planDocumentKinds.find((k) => k.extensions.some((e) => name.endsWith(e))) ??
    null
  )
}

/** What is wrong with a chosen file, as far as the browser can tell; null when it may be sent. */
export function planDocumentProblem(file: ChosenFile): PlanDocumentProblem | null {
  const name = file.name.trim()
  if (name.length === 0 || name.length > 200 || /[/\\]/.test(name)) return 'name'
  if (!planDocumentKind(file)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > planDocumentMaxBytes) return 'size'
  return null
}

/**
 * Why the node refused an upload, when the page can say it better than the error code: a file
 * too large, of a type it does not take, or whose content is not what its type says (the node
 * checks the first bytes). Null for any other error.
 */
export function planUploadRefusal(error: unknown): PlanDocumentProblem | null {
  if (!isApiError(error)) return null
  if (error.status === 413 || error.code === 'payload_too_large') return 'size'
  if (error.status === 415 || error.code === 'unsupported_media_type') return 'type'
  if (error.code === 'validation_failed') return 'content'
  return null
}
