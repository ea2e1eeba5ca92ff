import type { Logger } from 'pino'
import type { Channel, DeliveryOutcome, OutgoingMessage } from '../channels/Channel.ts'
import type { IdSource } from '../runtime/IdSource.ts'

/** The channels staff are paged through: SMS (decision 036) and e-mail (decision 037); a kind left out is not offered. */
export interface PagingChannels {
  readonly sms?: Channel | undefined
  readonly email?: Channel | undefined
}

/** One text to one person, by SMS, e-mail or both. */
export interface PagingMessage {
  readonly sms: string | null
  readonly email: string | null
  readonly subject: string
  readonly text: string
}

export interface PagingSender {
  readonly kinds: ReadonlySet<'sms' | 'email'>
  /** Sends each message through the channels of its addresses; never throws (a failure is logged). */
  send(messages: readonly PagingMessage[]): Promise<DeliveryOutcome[]>
}

/**
 * Sends pages and paging confirmation codes through the node's channels. Paging texts are in
 * English: a user has no language of their own yet, and the codes and links are what matters.
 */
export function pagingSender(deps: { ids: IdSource; log: Logger }, channels: PagingChannels): PagingSender {
  const kinds = new Set<'sms' | 'email'>()
  if (channels.sms) kinds.add('sms')
  if (channels.email) kinds.add('email')
  return {
    kinds,
    async send(messages) {
      const sms: OutgoingMessage[] = []
      const email: OutgoingMessage[] = []
      for (const m of messages) {
        if (m.sms !== null && channels.sms)
          sms.push({ id: deps.ids.next(), channel: 'sms', to: m.sms, language: 'en', text: m.text })
        if (m.email !== null && channels.email)
          email.push({
            id: deps.ids.next(),
            channel: 'email',
            to: m.email,
            language: 'en',
            subject: m.subject,
            text: m.text,
          })
      }
      const outcomes: DeliveryOutcome[] = []
      for (const [channel, batch] of [
        [channels.sms, sms],
        [channels.email, email],
      ] as const) {
        if (!channel || batch.length === 0) continue
        try {
          const sent = await channel.send(batch)
          for (const o of sent)
            if (o.state === 'failed' || o.state === 'gone')
              deps.log.warn({ id: o.id, state: o.state, reason: o.reason }, 'a page was not delivered')
          outcomes.push(...sent)
        } catch (error) {
          deps.log.error({ err: error, channel: channel.kind }, 'pages could not be sent')
        }
      }
      return outcomes
    },
  }
}
