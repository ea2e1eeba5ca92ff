import type { CapInfo } from './CapAlert.ts'

/**
 * The short text of an info block (what SMS and cell broadcast carry, beside the full
 * description and instruction of e-mail, the feed and push): a CAP `parameter` of this name.
 */
export const shortTextParameter = 'shortText'

/** The short text of an info block, or '' when it has none. */
export function shortTextOf(info: Pick<CapInfo, 'parameter'>): string {
  return info.parameter.find((p) => p.valueName === shortTextParameter)?.value ?? ''
}

/** The languages an alert's texts are written in, in the order the composer offers them. */
export const alertLanguages = ['fr', 'nl', 'de', 'en'] as const
export type AlertLanguage = (typeof alertLanguages)[number]

/**
 * The line a message to registered people ends with (how to unsubscribe), in the message's
 * language: the SMS counter counts it. The channels issue sends it; until then it is this text.
 */
export const unsubscribeLines: Readonly<Record<AlertLanguage, string>> = {
  fr: 'Désinscription : répondez STOP',
  nl: 'Afmelden: antwoord STOP',
  de: 'Abmelden: antworten Sie STOP',
  en: 'Unsubscribe: reply STOP',
}
