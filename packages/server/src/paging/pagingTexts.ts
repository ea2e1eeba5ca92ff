import type { PageReason } from '@liaison/core'

/** What a page is about, in the words of its message and of the log. */
export interface PageSubject {
  readonly reason: PageReason
  /** The case's title, or the partner item's. */
  readonly title: string
  readonly severity: string | null
  /** Not `actual`: the message says EXERCISE or TEST first. */
  readonly status: string
  readonly note: string | null
}

function about(s: PageSubject): string {
  const marker = s.status === 'actual' ? '' : `${s.status.toUpperCase()}: `
  switch (s.reason) {
    case 'case_opened':
      return `${marker}case opened${s.severity ? ` (${s.severity})` : ''}: ${s.title}`
    case 'incoming_waiting':
      return `${marker}an item from a partner centre waits unacknowledged: ${s.title}`
    case 'requested':
      return `${marker}paged from the case ${s.title}${s.note ? `: ${s.note}` : ''}`
    default: {
      const exhaustive: never = s.reason
      return exhaustive
    }
  }
}

/** The page's text: what it is about, how to acknowledge it by reply and by link. */
export function pageText(centre: string, s: PageSubject, replyCode: string, link: string): string {
  return `${centre}: ${about(s)}. Reply OK ${replyCode} or open ${link} to acknowledge.`
}

export function pageSubjectLine(centre: string, s: PageSubject): string {
  return `${centre} paging: ${about(s)}`.slice(0, 200)
}

export function pagingCodeText(centre: string, code: string, minutes: number): string {
  return `${centre}: your paging confirmation code is ${code}. It is valid for ${minutes} minutes.`
}

/** The log's words for each step. */
export const pagingLog = {
  paged: (name: string, step: number, of: number, by: readonly string[], s: PageSubject) =>
    `Paging (${about(s)}): ${name} paged by ${by.length > 0 ? by.join(' and ') : 'no channel'} (${step + 1} of ${of}).`,
  exhausted: (of: number) => `Paging: nobody of the ${of} on the on-call chain acknowledged.`,
  acknowledged: (name: string, via: 'sms' | 'link') =>
    `Paging: acknowledged by ${name} (${via === 'sms' ? 'SMS reply' : 'link'}).`,
}
