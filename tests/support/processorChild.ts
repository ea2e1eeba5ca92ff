// A process that runs one work processor, `seen`, which records each event's seq in the table
// `seen` in its batch's transaction. When a batch holds the seq `hangAt`, it writes that batch's
// rows, prints one JSON line, and hangs with the transaction open until it is killed.
import { sql } from 'kysely'
import type { StoreOptions } from '@liaison/server'
import { EventBus, createLogger, openStore, runWorkProcessor } from '@liaison/server'

export interface ProcessorChildArgs {
  readonly store: StoreOptions
  readonly hangAt: number
  readonly batchSize: number
}

const args = JSON.parse(process.argv[2] ?? '{}') as ProcessorChildArgs
const store = await openStore(args.store)
await runWorkProcessor({
  store,
  bus: new EventBus(),
  log: createLogger({ level: 'silent' }),
  processor: {
    name: 'seen',
    kinds: null,
    async handle({ tx, events }) {
      for (const e of events) await sql`insert into seen (seq, by) values (${e.seq}, 'child')`.execute(tx)
      if (events.some((e) => e.seq === args.hangAt)) {
        process.stdout.write(`${JSON.stringify({ from: events[0]?.seq, to: events.at(-1)?.seq })}\n`)
        await new Promise<never>(() => {})
      }
    },
  },
  options: { batchSize: args.batchSize, pollMs: 50 },
})
setInterval(() => {}, 60_000)
