import type { Logger } from 'pino'
import type { Sha256Hex } from '@liaison/core'
import type { SecretBox } from '../auth/SecretBox.ts'
import type { EventBus } from '../events/EventBus.ts'
import type { Clock } from '../runtime/Clock.ts'
import type { IdSource } from '../runtime/IdSource.ts'
import type { Sequencer } from '../sequencer/startSequencer.ts'
import type { Store } from '../store/openStore.ts'
import type { OrganisationsCache } from '../store/organisationsCache.ts'

/** What every action is handed: the node's adapters, never globals. */
export interface ActionDeps {
  readonly nodeId: string
  readonly store: Store
  readonly clock: Clock
  readonly ids: IdSource
  readonly bus: EventBus
  /** Numbers events and chains the audit after commit; actions wait for it (decision 012). */
  readonly sequencer: Sequencer
  readonly log: Logger
  readonly sha256: Sha256Hex
  /** Seals and opens the secrets the node must read back, under the node's key. */
  readonly secrets: SecretBox
  /** The node's organisations kept in this process (PostgreSQL), so that most events' audience needs no read. */
  readonly organisations?: OrganisationsCache
  /**
   * The centre's country and how near a land border an alert is proposed to the neighbour's centre
   * (`federation.alertProposalKm`; decision 042). Without it, alerts are proposed to nobody.
   */
  readonly alertProposals?: { readonly country: string; readonly withinKm: number }
}
