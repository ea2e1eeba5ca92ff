import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { DemoProcess } from '../support/demoProcess.ts'
import { demoSession, freePorts, startDemoProcess } from '../support/demoProcess.ts'
import { runCli } from '../support/runCli.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'liaison-demo-'))
let demo: DemoProcess | undefined
afterAll(() => {
  demo?.child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

type Org = { id: string; code: string; kind: string }
// one session per node: a one-time code works once, and sessions outlive restarts
const sessions = new Map<string, Promise<{ cookie: string }>>()
const orgsOf = async (url: string) => {
  if (!sessions.has(url)) sessions.set(url, demoSession(url))
  const { cookie } = await sessions.get(url)!
  return (
    (await (await fetch(`${url}/api/v1/organisations`, { headers: { cookie } })).json()) as { items: Org[] }
  ).items
}

describe('the demo (liaison demo, as npm start runs it)', () => {
  const ports = freePorts(3)

  it('starts three centres that answer /health, list their organisations and describe the API', async () => {
    demo = await startDemoProcess({ ports: await ports, dataDir })
    const expected = [
      ['be', 'nccn', 'Centre de crise national (NCCN)'],
      ['nl', 'ncc', 'Nationaal Crisiscentrum (NCC)'],
      ['lu', 'hcpn', 'Haut-Commissariat à la Protection nationale (HCPN)'],
    ] as const
    for (const [i, [node, centre, name]] of expected.entries()) {
      const url = demo.urls[i]!
      expect(demo.output()).toContain(`${url}/  ${name}`)
      expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: 'ok', node })
      expect((await fetch(`${url}/ready`)).status).toBe(200)
      const orgs = await orgsOf(url)
      expect(orgs.find((o) => o.kind === 'centre')?.code).toBe(centre)
      expect(orgs.filter((o) => o.kind === 'partner').length).toBeGreaterThanOrEqual(3)
      expect(existsSync(join(dataDir, node, 'liaison.lock'))).toBe(true)
    }
    // a realistic day: an incident near the border with its log, tasks and report; a VIP visit; an exercise
    const { cookie } = await sessions.get(demo.urls[0]!)!
    const cases = (
      (await (await fetch(`${demo.urls[0]}/api/v1/cases`, { headers: { cookie } })).json()) as {
        items: { id: string; type: string; status: string }[]
      }
    ).items
    expect(cases.map((c) => `${c.type}:${c.status}`).sort()).toEqual([
      'exercise:exercise',
      'industrial-fire:actual',
      'vip-visit:actual',
    ])
    const fire = cases.find((c) => c.type === 'industrial-fire')!
    const log = (
      (await (
        await fetch(`${demo.urls[0]}/api/v1/cases/${fire.id}/log`, { headers: { cookie } })
      ).json()) as { items: unknown[] }
    ).items
    expect(log.length).toBeGreaterThanOrEqual(20)
    const reports = (
      (await (
        await fetch(`${demo.urls[0]}/api/v1/cases/${fire.id}/sitreps`, { headers: { cookie } })
      ).json()) as { items: { state: string }[] }
    ).items
    expect(reports.map((r) => r.state)).toEqual(['approved'])
    const doc = (await (await fetch(`${demo.urls[0]}/api/docs/json`)).json()) as {
      paths: Record<string, unknown>
    }
    expect(Object.keys(doc.paths)).toContain('/api/v1/organisations')
  })

  it('stops cleanly on Ctrl-C and reuses its data on the next start', async () => {
    const before = await orgsOf(demo!.urls[0]!)
    demo!.child.kill('SIGINT')
    expect(await demo!.exited).toBe(0)
    for (const node of ['be', 'nl', 'lu']) expect(existsSync(join(dataDir, node, 'liaison.lock'))).toBe(false)
    demo = await startDemoProcess({ ports: await ports, dataDir })
    expect(await orgsOf(demo.urls[0]!)).toEqual(before)
  })

  it('loses no committed data when killed with SIGKILL', async () => {
    demo!.child.kill('SIGKILL')
    await demo!.exited
    // the lock left behind by the dead process is taken over
    const added = await runCli([
      'org',
      'add',
      '--node-id',
      'be',
      '--data-dir',
      join(dataDir, 'be'),
      '--code',
      'after-kill',
      '--name',
      'Added after a SIGKILL',
    ])
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    demo = await startDemoProcess({ ports: await ports, dataDir })
    const codes = (await orgsOf(demo.urls[0]!)).map((o) => o.code)
    expect(codes).toContain('after-kill')
    expect(codes).toContain('police-federale')
    // and once more while it runs: kill, restart, everything still there
    demo.child.kill('SIGKILL')
    await demo.exited
    demo = await startDemoProcess({ ports: await ports, dataDir })
    expect((await orgsOf(demo.urls[0]!)).map((o) => o.code)).toEqual(codes)
    demo.child.kill('SIGINT')
    expect(await demo.exited).toBe(0)
  })
})
