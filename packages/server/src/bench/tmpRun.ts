import { benchLogPages, createLogger } from '../index.ts'
const log = createLogger({ level: 'error' })
const url = process.argv[2]
for (const f of await benchLogPages({ log, store: url ? { url } : undefined, entries: 50_000 }))
  console.log(f.name, f.value.toFixed(2), f.unit, f.ratio.toFixed(2), f.baseline.name, f.baseline.value.toFixed(2))
