/**
 * The seam between what Liaison sends to people (confirmation codes, alerts, paging) and the
 * networks that carry it. Each channel speaks its real protocol (SMPP 3.4, SMTP, Web Push);
 * callers hand it batches and learn each message's outcome, never one call per message.
 */
export type ChannelKind = 'sms' | 'email' | 'push'

/** A Web Push subscription as the browser's `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionAddress {
  readonly endpoint: string
  readonly keys: { readonly p256dh: string; readonly auth: string }
}

interface MessageBase {
  /** Our id for this delivery (a UUIDv7): kept with its outcome, matched by receipts. */
  readonly id: string
  /** A BCP 47 tag (`fr`, `nl-BE`): the language the text is written in. */
  readonly language: string
  readonly text: string
  /** Where the person leaves (one click, no sign-in); every message to a citizen carries it. */
  readonly unsubscribeUrl?: string
}

export interface SmsMessage extends MessageBase {
  readonly channel: 'sms'
  /** E.164, with its `+`. */
  readonly to: string
}

export interface EmailMessage extends MessageBase {
  readonly channel: 'email'
  readonly to: string
  readonly subject: string
  /** Not sent by the e-mail channel: it builds the HTML part from `text` itself (decision 037). */
  readonly html?: string
}

export interface PushMessage extends MessageBase {
  readonly channel: 'push'
  readonly to: PushSubscriptionAddress
  readonly title: string
  /** Where the notification leads when clicked (the public alert page). */
  readonly url?: string
  /** Seconds the push service may keep it for a browser that is offline. */
  readonly ttlSeconds?: number
  /** RFC 8030 §5.3: how soon a sleeping device should be woken; `high` (an alert) when left out. */
  readonly urgency?: 'very-low' | 'low' | 'normal' | 'high'
  /**
   * RFC 8030 §5.4: a later message with the same topic replaces this one while the browser is
   * offline (an Update replacing its alert). At most 32 characters of base64url.
   */
  readonly topic?: string
}

export type OutgoingMessage = SmsMessage | EmailMessage | PushMessage

/**
 * What became of one message. `submitted`: the network took it; `delivered`: a receipt said it
 * arrived; `failed`: refused or bounced, with the network's reason; `expired`: its validity
 * passed before delivery; `gone`: the address no longer exists (a push subscription answered
 * 404 or 410, a hard bounce) and should be removed.
 */
export type DeliveryState = 'submitted' | 'delivered' | 'failed' | 'expired' | 'gone'

export interface DeliveryOutcome {
  readonly id: string
  readonly state: DeliveryState
  readonly at: Date
  /** The network's own reference (SMPP message_id, SMTP queue id), to match later receipts. */
  readonly networkRef?: string
  /** The network's words, for a failure (`ESME_RINVDSTADR`, `550 5.1.1 user unknown`). */
  readonly reason?: string
}

/** A message a person sent back (an SMS reply such as STOP, a paging acknowledgement). */
export interface InboundMessage {
  readonly channel: 'sms' | 'email'
  readonly from: string
  readonly text: string
  readonly at: Date
}

export interface Channel {
  readonly kind: ChannelKind
  /** Sends a batch; resolves when each message has an outcome (at least `submitted` or `failed`). */
  send(batch: readonly OutgoingMessage[]): Promise<DeliveryOutcome[]>
  /** Later outcomes (delivery receipts, bounces), matched to our ids. Returns an unsubscribe. */
  onOutcome(listener: (outcome: DeliveryOutcome) => void): () => void
  /** Replies from people, where the channel carries them. Returns an unsubscribe. */
  onInbound(listener: (message: InboundMessage) => void): () => void
  close(): Promise<void>
}
