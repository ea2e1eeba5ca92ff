#!/usr/bin/env node
/* global process, console */
// Builds the web application (packages/web/dist) when it is missing or older than its sources,
// so `npm start` and the end-to-end tests always serve the current UI. Takes ~15 s when it builds.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const web = 'packages/web'
const built = join(web, 'dist', 'index.html')
// the citizen page (citizen.html) is built by the same run: its absence is a stale build too
const citizenPage = join(web, 'dist', 'citizen.html')

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))))
}

const sources = ['src', 'public', 'index.html', 'citizen.html', 'vite.config.ts', 'package.json']
  .map((p) => join(web, p))
  .filter(existsSync)
const stale =
  !existsSync(built) ||
  !existsSync(citizenPage) ||
  Math.max(...sources.map(newest), newest('packages/core/src'), newest('packages/wire/src')) >
    statSync(built).mtimeMs
if (stale) {
  console.log('building the web application (packages/web)…')
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
