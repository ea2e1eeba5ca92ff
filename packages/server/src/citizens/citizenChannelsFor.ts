import type { NodeConfig } from '../config.ts'
import { emailChannelFor } from '../channels/channelsFromConfig.ts'
import { SmppChannel } from '../channels/sms/SmppChannel.ts'
import type { CitizenChannels } from './citizenSender.ts'

/**
 * The channels confirmation codes go through, as the configuration describes them: SMS when
 * `sms.operatorsFile` names operator accounts, e-mail when `email.smtpUrl` is set. A kind
 * without its channel is not offered: registering such an address is refused.
 */
export function citizenChannelsFor(config: NodeConfig): CitizenChannels {
  const email = emailChannelFor(config)
  const operators = config.sms.operators
  return {
    ...(operators && operators.operators.length > 0 ? { sms: new SmppChannel(operators) } : {}),
    ...(email ? { email } : {}),
  }
}

export async function closeCitizenChannels(channels: CitizenChannels): Promise<void> {
  for (const channel of Object.values(channels)) await channel?.close()
}
