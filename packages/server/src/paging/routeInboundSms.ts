import type { Logger } from 'pino'
import { isLiaisonError, readSmsReply } from '@liaison/core'
import { acknowledgePage } from '../actions/pages.ts'
import { unsubscribeAddress } from '../actions/unsubscribeAddress.ts'
import type { InboundMessage } from '../channels/Channel.ts'
import { addressByValue } from '../store/citizens/subscriberRows.ts'
import type { PagingDeps } from './PagingDeps.ts'

/** What became of one mobile-originated message. */
export type InboundOutcome = 'unsubscribed' | 'acknowledged' | 'ignored'

/**
 * The one place mobile-originated SMS are read (decision 044): a STOP word (STOP, ARRET,
 * STOPP; core's `readSmsReply`) from a registered citizen's number removes that number
 * (the citizen unsubscribe action, decision 040); a paging reply (`OK 4821`, `4821`, `OK`) from
 * a number that was paged acknowledges its page. Anything else is ignored, and nothing here
 * throws: a refusal is audited by its action and logged.
 */
export function inboundSmsRouter(
  deps: PagingDeps & { readonly log: Logger },
): (message: InboundMessage) => Promise<InboundOutcome> {
  return async (message) => {
    if (message.channel !== 'sms') return 'ignored'
    const reply = readSmsReply(message.text)
    try {
      switch (reply.kind) {
        case 'stop': {
          const address = await addressByValue(deps.store.db, 'sms', message.from)
          if (!address) return 'ignored'
          const { removed } = await unsubscribeAddress(deps, {
            token: address.unsubscribe_token,
            source: 'sms',
          })
          return removed ? 'unsubscribed' : 'ignored'
        }
        case 'acknowledge':
          await acknowledgePage(deps, {
            acknowledgement: { via: 'sms', from: message.from, code: reply.code },
            source: 'sms',
          })
          return 'acknowledged'
        case 'other':
          return 'ignored'
        default: {
          const exhaustive: never = reply
          return exhaustive
        }
      }
    } catch (error) {
      if (isLiaisonError(error))
        deps.log.info({ code: error.code, reason: error.message }, 'an SMS reply was refused')
      else deps.log.error({ err: error }, 'an SMS reply could not be handled')
      return 'ignored'
    }
  }
}
