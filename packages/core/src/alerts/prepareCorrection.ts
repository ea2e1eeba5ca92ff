import type { CapAlert } from './CapAlert.ts'

/** The CAP `references` triple of a message: `sender,identifier,sent`. */
export function referenceTo(alert: Pick<CapAlert, 'sender' | 'identifier' | 'sent'>): string {
  return `${alert.sender},${alert.identifier},${alert.sent}`
}

/**
 * The text of a correction (an Update) or a cancellation (a Cancel) of an issued alert, ready to
 * edit: the same audience (status, scope, restriction, addresses, info blocks and areas), a new
 * identifier and sent time, and `references` naming the issued alert after the messages it
 * referenced itself, so the whole chain is named. A Cancel's info blocks say so in their headline.
 */
export function prepareCorrection(
  issued: CapAlert,
  kind: 'Update' | 'Cancel',
  fresh: { readonly identifier: string; readonly sent: string },
): CapAlert {
  const earlier =
    issued.references
      ?.trim()
      .split(/\s+/)
      .filter((r) => r !== '') ?? []
  const references = [...earlier, referenceTo(issued)].join(' ')
  return {
    ...issued,
    identifier: fresh.identifier,
    sent: fresh.sent,
    msgType: kind,
    references,
    info: issued.info.map((info) =>
      kind === 'Cancel'
        ? {
            ...info,
            responseType: ['AllClear'],
            headline: `Cancelled: ${info.headline ?? info.event}`.slice(0, 160),
          }
        : info,
    ),
  }
}
