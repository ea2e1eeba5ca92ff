#!/usr/bin/env node
/* global process, console */
// `npm test`: format check, lint, type-check, then each test tier, in order; stops at the first
// failure; ends with how long each step took and one line of totals.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const tiers = ['unit', 'integration', 'hostile', 'e2e']
const steps = [
  { name: 'format', cmd: ['npx', 'prettier', '--check', '--log-level', 'warn', '.'] },
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'build', cmd: ['node', 'scripts/ensureWebBuild.js'] },
  ...tiers.map((tier) => ({
    name: tier,
    tier,
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      tier,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=build/test-results/${tier}.json`,
    ],
  })),
]

const only = process.argv.slice(2)
rmSync('build/test-results', { recursive: true, force: true })
mkdirSync('build/test-results', { recursive: true })
const timings = []
const totals = { passed: 0, failed: 0, skipped: 0 }
let failedStep = null
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue
  process.stdout.write(`\n=== ${step.name}: ${step.cmd.join(' ')}\n`)
  const started = Date.now()
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' })
  timings.push([step.name, (Date.now() - started) / 1000, result.status === 0 ? 'ok' : 'FAILED'])
  if (step.tier) {
    try {
      const report = JSON.parse(readFileSync(`build/test-results/${step.tier}.json`, 'utf8'))
      totals.passed += report.numPassedTests
      totals.failed += report.numFailedTests
      totals.skipped += report.numPendingTests + report.numTodoTests
    } catch {
      totals.failed += result.status === 0 ? 0 : 1
    }
  }
  if (result.status !== 0) {
    failedStep = step.name
    break
  }
}

console.log('\n=== timings')
for (const [name, seconds, outcome] of timings)
  console.log(`${name.padEnd(12)} ${seconds.toFixed(1).padStart(7)} s  ${outcome}`)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
if (failedStep) {
  console.log(`npm test failed at: ${failedStep}`)
  process.exit(1)
}
