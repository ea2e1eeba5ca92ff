/**
 * A delivery receipt's text, as SMSCs write it (SMPP 3.4 Appendix B):
 * `id:IIII sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:...`.
 */
export type SmsReceiptState = 'delivered' | 'expired' | 'failed' | 'pending'

export interface DeliveryReceipt {
  readonly messageId: string
  /** The SMSC's word: DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, ENROUTE. */
  readonly stat: string
  readonly state: SmsReceiptState
  readonly err: string | null
}

const states: Readonly<Record<string, SmsReceiptState>> = {
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'failed',
  UNDELIV: 'failed',
  REJECTD: 'failed',
  UNKNOWN: 'failed',
  ACCEPTD: 'pending',
  ENROUTE: 'pending',
}

/** The receipt in a text, or null when the text is not one (no id or no stat). */
export function readDeliveryReceipt(text: string): DeliveryReceipt | null {
  const id = /(?:^|\s)id:(\S{1,65})/i.exec(text)?.[1]
  const stat = /(?:^|\s)stat:([A-Za-z]{1,7})/i.exec(text)?.[1]?.toUpperCase()
  if (id === undefined || stat === undefined) return null
  const error = /(?:^|\s)err:(\w{1,3})/i.exec(text)?.[1] ?? null
  return { messageId: id, stat, state: states[stat] ?? 'failed', err: error }
}
