#!/usr/bin/env node
// The `liaison` command. Runs the TypeScript sources through tsx: there is no build step.
/* global process */
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv, process.env)
