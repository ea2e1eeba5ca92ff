import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { PlaceRow } from '../store/citizens/subscriberRows.ts'
import { replacePlaces, updateSubscriberOptions } from '../store/citizens/subscriberRows.ts'
import { citizenActor } from './registerSubscriber.ts'
import { runAction } from './runAction.ts'

export interface SubscriberChange {
  readonly places?: readonly PlaceRow[]
  readonly languages?: readonly string[]
  readonly wantsTest?: boolean
  readonly wantsExercise?: boolean
}

/** Changes a subscriber's places (all replaced, in order), languages or options; audited by field name only. */
export async function changeSubscriber(
  deps: CitizenDeps,
  input: { subscriberId: string; change: SubscriberChange; source: string | null },
): Promise<void> {
  await runAction(
    deps,
    { action: 'citizen.change', actor: citizenActor, source: input.source },
    async (ctx) => {
      const { places, ...options } = input.change
      await updateSubscriberOptions(ctx.tx, input.subscriberId, options, ctx.at)
      if (places) await replacePlaces(ctx.tx, input.subscriberId, places)
      ctx.target(input.subscriberId, null, { changed: Object.keys(input.change).sort() })
    },
  )
}
