/** What files a place takes: their media types and the most bytes one may have. */
export interface FileRules {
  readonly types: readonly string[]
  readonly maxBytes: number
}

/** What a log entry may carry: photos, scans and notes, at most 10 MiB each, ten per entry. */
export const attachmentRules = {
  types: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'],
  maxBytes: 10 * 1024 * 1024,
  perEntry: 10,
} as const satisfies FileRules & { readonly perEntry: number }

/** What a plan's document may be: the formats plans are written and published in, at most 25 MiB. */
export const planDocumentRules = {
  types: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
    'text/plain',
    'image/png',
    'image/jpeg',
  ],
  maxBytes: 25 * 1024 * 1024,
} as const satisfies FileRules
