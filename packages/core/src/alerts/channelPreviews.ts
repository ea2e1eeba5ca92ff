import type { AlertLanguage } from './shortText.ts'
import { unsubscribeLines } from './shortText.ts'
import { cellBroadcastPages, smsTextParts } from './textLength.ts'

/** One language's texts, as the composer holds them. */
export interface PreviewTexts {
  readonly language: AlertLanguage
  readonly event: string
  readonly headline: string
  readonly shortText: string
  readonly description: string
  readonly instruction: string
}

/** What each channel will show of one language's texts (issue 10, capability 3). */
export interface ChannelPreviews {
  /** The SMS parts as sent to registered people, the unsubscribe line at the end. */
  readonly sms: readonly string[]
  /** The cell-broadcast pages. */
  readonly cellBroadcast: readonly string[]
  readonly email: { readonly subject: string; readonly body: string }
  readonly push: { readonly title: string; readonly body: string }
}

/** A push notification's body is cut here (what phones show before "more"). */
export const pushBodyMax = 178

/**
 * The previews of one language's texts: SMS and cell broadcast carry the short text, e-mail the
 * headline as its subject and the description and instruction as its body, and a push
 * notification the headline and the short text (else the description, cut at 178 characters).
 * A missing headline is the event.
 */
export function channelPreviews(texts: PreviewTexts): ChannelPreviews {
  const headline = texts.headline.trim() || texts.event.trim()
  const short = texts.shortText.trim()
  const description = texts.description.trim()
  const pushText = short || description
  const chars = [...pushText]
  return {
    sms: short === '' ? [] : smsTextParts(short, unsubscribeLines[texts.language]),
    cellBroadcast: short === '' ? [] : cellBroadcastPages(short),
    email: {
      subject: headline,
      body: [description, texts.instruction.trim()].filter((t) => t !== '').join('\n\n'),
    },
    push: {
      title: headline,
      body: chars.length > pushBodyMax ? `${chars.slice(0, pushBodyMax - 1).join('')}…` : pushText,
    },
  }
}
