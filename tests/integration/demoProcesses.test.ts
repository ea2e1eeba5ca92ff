import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { DemoProcess } from '../support/demoProcess.ts'
import { freePorts, startDemoProcess } from '../support/demoProcess.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'liaison-demo-processes-'))
let demo: DemoProcess | undefined
const stopped: number[] = []
afterAll(() => {
  for (const pid of stopped) {
    try {
      process.kill(pid, 'SIGCONT')
    } catch {
      // gone already
    }
  }
  demo?.child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

const nodes = ['be', 'nl', 'lu'] as const
/** The pid of the process that holds a centre's embedded database (its lock file). */
const pidOf = (node: string) => Number(readFileSync(join(dataDir, node, 'liaison.lock'), 'utf8'))

/** Whether a centre answers /health within the time. */
async function answers(url: string, withinMs = 3_000): Promise<boolean> {
  try {
    const answer = await fetch(`${url}/health`, { signal: AbortSignal.timeout(withinMs) })
    return answer.status === 200
  } catch {
    return false
  }
}

describe('the demo runs each centre in its own process (liaison demo)', () => {
  it('three processes, each with its own database; a frozen, killed or twice-killed centre leaves the others answering', async () => {
    demo = await startDemoProcess({ ports: await freePorts(3), dataDir, timeoutMs: 180_000 })
    const [be, nl, lu] = demo.urls as [string, string, string]
    expect(demo.output()).toMatch(/three centres ready in \d+\.\d s/)
    const pids = nodes.map(pidOf)
    expect(new Set(pids).size).toBe(3)
    expect(pids).not.toContain(demo.child.pid)

    // each centre's public listener is printed, apart from its duty desk, and answers
    expect(demo.publicUrls).toHaveLength(3)
    const page = await fetch(`${demo.publicUrls[0]}/`)
    expect(page.headers.get('content-language')).toBe('fr')
    expect(await page.text()).toContain('Centre de crise national (NCCN)')

    // the simulated networks run beside the centres: a registration's codes reach the SMSC and
    // the SMTP sink through the centre's real channels, and their page shows them
    expect(demo.networksUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const registered = await fetch(`${demo.publicUrls[0]}/public/v1/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        addresses: [
          { kind: 'sms', address: '+32470999001' },
          { kind: 'email', address: 'demo.person@example.be' },
        ],
        places: [{ label: 'home', lon: 4.35, lat: 50.85 }],
        languages: ['nl'],
      }),
    })
    expect(registered.status, await registered.clone().text()).toBe(201)
    type Received = { sms: { to: string; text: string }[]; email: { to: string[]; subject: string }[] }
    const received = async () =>
      (await (await fetch(`${demo!.networksUrl}/received.json`)).json()) as Received
    await expect
      .poll(async () => (await received()).sms.find((m) => m.to === '+32470999001')?.text, {
        timeout: 15_000,
      })
      .toMatch(/\b\d{6}\b/)
    await expect
      .poll(async () => (await received()).email.some((m) => m.to.includes('demo.person@example.be')), {
        timeout: 15_000,
      })
      .toBe(true)
    expect(await (await fetch(`${demo.networksUrl}/`)).text()).toContain('+32470999001')

    // a centre whose event loop is held (as by a long query on its PGlite) does not freeze the others
    process.kill(pids[1]!, 'SIGSTOP')
    stopped.push(pids[1]!)
    expect(await answers(nl, 1_000)).toBe(false)
    expect(await answers(be)).toBe(true)
    expect(await answers(lu)).toBe(true)
    process.kill(pids[1]!, 'SIGCONT')
    expect(await answers(nl, 10_000)).toBe(true)

    // a centre that crashes is reported and restarted once; the others keep answering meanwhile
    process.kill(pids[2]!, 'SIGKILL')
    expect(await answers(be)).toBe(true)
    expect(await answers(nl)).toBe(true)
    await expect
      .poll(() => demo!.output(), { timeout: 10_000 })
      .toContain('liaison demo: centre lu exited (SIGKILL); restarting it once')
    await expect
      .poll(() => demo!.output(), { timeout: 120_000, interval: 250 })
      .toContain(`liaison demo: centre lu is back at ${lu}/`)
    expect(await answers(lu)).toBe(true)
    const again = pidOf('lu')
    expect(again).not.toBe(pids[2])

    // twice: reported, not restarted, and the others still answer
    process.kill(again, 'SIGKILL')
    await expect
      .poll(() => demo!.output(), { timeout: 10_000 })
      .toContain('liaison demo: centre lu exited again (SIGKILL); not restarting it, the others keep running')
    expect(await answers(be)).toBe(true)
    expect(await answers(nl)).toBe(true)
    expect(await answers(lu, 1_000)).toBe(false)

    // Ctrl-C stops the rest cleanly: their databases are closed and unlocked
    demo.child.kill('SIGINT')
    expect(await demo.exited).toBe(0)
    for (const node of ['be', 'nl']) expect(existsSync(join(dataDir, node, 'liaison.lock'))).toBe(false)
    for (const pid of pids.slice(0, 2)) expect(() => process.kill(pid, 0)).toThrow()
  }, 300_000)
})
