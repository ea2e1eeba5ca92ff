/** Recognises a file type by its first bytes, never by what the sender claims. */
export type FileCheck = (data: Buffer) => boolean

const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const isZip: FileCheck = (d) => d.subarray(0, 4).equals(zipMagic)

/** Every type Liaison stores, each with how its content is recognised. */
export const fileTypes = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  'text/plain': (d) => !d.includes(0) && Buffer.from(d.toString('utf8'), 'utf8').equals(d),
  // an OpenDocument file is a zip whose first member is 'mimetype', stored uncompressed (ISO/IEC 26300, 3.3)
  'application/vnd.oasis.opendocument.text': (d) =>
    isZip(d) &&
    d.subarray(30, 30 + 47).toString('latin1') === 'mimetypeapplication/vnd.oasis.opendocument.text',
  // an Office Open XML file is a zip that lists its parts in [Content_Types].xml and keeps its text under word/
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (d) =>
    isZip(d) && d.includes('[Content_Types].xml', 0, 'latin1') && d.includes('word/', 0, 'latin1'),
} as const satisfies Record<string, FileCheck>

export type FileType = keyof typeof fileTypes

export interface FileRules {
  /** The types accepted here. */
  readonly types: readonly FileType[]
  readonly maxBytes: number
}

/** What is wrong with a file offered for storage, as readable sentences; empty when it may be stored. */
export function fileProblems(
  rules: FileRules,
  file: { readonly fileName: string; readonly contentType: string; readonly data: Buffer },
): { readonly problems: string[]; readonly tooLarge: boolean } {
  const problems: string[] = []
  const fileName = file.fileName.trim()
  // eslint-disable-next-line no-control-regex
  if (!/^[^/\\\u0000-\u001f\u007f-\u009f]{1,200}$/.test(fileName) || fileName === '.' || fileName === '..')
    problems.push('fileName: 1 to 200 characters, no slashes or control characters')
  const accepted = (rules.types as readonly string[]).includes(file.contentType)
  if (!accepted)
    problems.push(`content type '${file.contentType}' is not accepted: send ${rules.types.join(', ')}`)
  else if (file.data.length > 0 && !fileTypes[file.contentType as FileType](file.data))
    problems.push(`the file's content is not ${file.contentType}`)
  if (file.data.length === 0) problems.push('the file is empty')
  return { problems, tooLarge: file.data.length > rules.maxBytes }
}
