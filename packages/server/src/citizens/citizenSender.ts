import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Channel, ChannelKind, DeliveryOutcome, OutgoingMessage } from '../channels/Channel.ts'
import type { IdSource } from '../runtime/IdSource.ts'
import type { Clock } from '../runtime/Clock.ts'
import {
  insertDeliveries,
  recordDeliveryOutcome,
  recordDeliveryOutcomes,
} from '../store/citizens/subscriberRows.ts'
import type { Database } from '../store/schema.ts'
import type { CitizenLanguage } from './citizenTexts.ts'
import { citizenWords } from './citizenTexts.ts'

/** The channels a node sends to citizens through, by kind; a kind left out is not offered. */
export type CitizenChannels = Partial<Record<ChannelKind, Channel>>

/** Minutes a confirmation code stays valid. */
export const codeMinutes = 15

/** One code to send to one address: at registration (`confirmation`), or after an import (`welcome`). */
export interface CodeToSend {
  readonly subscriberId: string
  readonly addressId: string
  readonly kind: 'sms' | 'email'
  readonly to: string
  readonly language: CitizenLanguage
  readonly code: string
  readonly purpose: 'confirmation' | 'welcome'
  /** The address's one-click unsubscribe link. */
  readonly unsubscribeUrl: string
  /** Where the person manages the registration (the public page). */
  readonly manageUrl: string
}

export interface CitizenSender {
  /** The kinds of address a code can be sent to. */
  readonly kinds: ReadonlySet<'sms' | 'email'>
  /** Sends the codes through their channels, a batch per kind, and records each outcome. */
  send(codes: readonly CodeToSend[]): Promise<DeliveryOutcome[]>
  /** Stops listening for later outcomes (receipts); the channels are closed by their owner. */
  close(): void
}

export interface CitizenSenderDeps {
  readonly db: Kysely<Database>
  readonly ids: IdSource
  readonly clock: Clock
  readonly log: Logger
  /** The centre's name, as each message begins. */
  readonly centre: string
}

/**
 * The small sender of confirmation codes (decision 040): a message per address in the person's
 * first language, through the real channel of its kind, each recorded in `subscriber_deliveries`
 * before it leaves and updated with its outcome, and with later receipts.
 */
export function citizenSender(deps: CitizenSenderDeps, channels: CitizenChannels): CitizenSender {
  const kinds = new Set<'sms' | 'email'>()
  if (channels.sms) kinds.add('sms')
  if (channels.email) kinds.add('email')
  const record = (outcome: DeliveryOutcome) =>
    recordDeliveryOutcome(deps.db, outcome).catch((error: unknown) =>
      deps.log.warn({ err: error }, 'a citizen delivery outcome was not recorded'),
    )
  const unsubscribes = [channels.sms, channels.email].flatMap((c) =>
    c ? [c.onOutcome((outcome) => void record(outcome))] : [],
  )

  return {
    kinds,
    async send(codes) {
      const at = deps.clock.now()
      const messages = codes.map((c) => ({ id: deps.ids.next(), code: c }))
      await insertDeliveries(
        deps.db,
        messages.map(({ id, code: c }) => ({
          id,
          subscriberId: c.subscriberId,
          addressId: c.addressId,
          kind: c.kind,
          purpose: c.purpose,
          language: c.language,
          at,
        })),
      )
      const outcomes: DeliveryOutcome[] = []
      for (const kind of ['sms', 'email'] as const) {
        const channel = channels[kind]
        const batch = messages
          .filter((m) => m.code.kind === kind)
          .map((m) => messageOf(deps.centre, m.id, m.code))
        if (batch.length === 0) continue
        if (!channel) throw new Error(`no ${kind} channel to send citizens' codes through`)
        const sent = await channel.send(batch)
        await recordDeliveryOutcomes(deps.db, sent).catch((error: unknown) =>
          deps.log.warn({ err: error }, 'citizen delivery outcomes were not recorded'),
        )
        outcomes.push(...sent)
      }
      return outcomes
    },
    close() {
      for (const unsubscribe of unsubscribes) unsubscribe()
    },
  }
}

function messageOf(centre: string, id: string, c: CodeToSend): OutgoingMessage {
  const words = citizenWords(c.language)
  const text =
    c.purpose === 'welcome'
      ? words.welcome(centre, c.code, c.manageUrl, c.unsubscribeUrl)
      : words.code(centre, c.code, codeMinutes)
  const base = { id, language: c.language, text, unsubscribeUrl: c.unsubscribeUrl }
  if (c.kind === 'sms') return { ...base, channel: 'sms', to: c.to }
  const subject = c.purpose === 'welcome' ? words.welcomeSubject(centre) : words.codeSubject(centre)
  return { ...base, channel: 'email', to: c.to, subject }
}
