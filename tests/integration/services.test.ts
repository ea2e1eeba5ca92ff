import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import { freePorts } from '../support/demoProcess.ts'
import { runCli } from '../support/runCli.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, startTestNode, testConfig } from '../support/testNode.ts'
import type { RunningNode } from '@liaison/server'
import { startNode } from '@liaison/server'

const engines = await testEngines()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Whether anything accepts a TCP connection on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const started: TestNode[] = []
afterEach(async () => {
  await Promise.allSettled(started.splice(0).map((n) => n.dispose()))
})

async function nodeWith(config: Record<string, string | number | boolean>, listen = true) {
  const node = await startTestNode(engines[0]!, { listen, config })
  started.push(node)
  return node
}

const handled = (node: TestNode, id: string | undefined) =>
  node.captured.lines.some((l) => l['msg'] === 'echo job handled' && l['job'] === id)

describe('liaison start --services (node.services)', () => {
  it('with jobs only, opens no HTTP listener, duty desk or public, and runs the queue worker', async () => {
    const [httpPort, publicPort] = (await freePorts(2)) as [number, number]
    const node = await nodeWith({
      'node.services': 'jobs',
      'http.port': httpPort,
      'public.port': publicPort,
      'queue.echo': true,
    })
    expect(node.services).toEqual(['jobs'])
    expect(await listening(httpPort)).toBe(false)
    expect(await listening(publicPort)).toBe(false)
    expect(node.publicApp).toBeNull()
    const [id] = await node.queue.enqueue([{ topic: 'echo', payload: { n: 1 } }])
    await expect.poll(() => handled(node, id), { timeout: 10_000 }).toBe(true)
  })

  it('with http only, answers on its port but runs no queue worker and no public listener', async () => {
    const [httpPort, publicPort] = (await freePorts(2)) as [number, number]
    const node = await nodeWith({
      'node.services': 'http',
      'http.port': httpPort,
      'public.port': publicPort,
      'queue.echo': true,
    })
    expect(await (await fetch(`http://127.0.0.1:${httpPort}/health`)).json()).toMatchObject({ status: 'ok' })
    expect(await listening(publicPort)).toBe(false)
    const [id] = await node.queue.enqueue([{ topic: 'echo', payload: { n: 2 } }])
    // the echo worker polls every 500 ms where it runs
    await sleep(2_000)
    expect(handled(node, id)).toBe(false)
    const claimed = await node.queue.claim({ topic: 'echo', max: 5, leaseMs: 1_000, workerId: 'test' })
    expect(claimed.map((j) => j.id)).toEqual([id])
  })

  it('runs the echo test processor only where queue.echo asks for it, not on every node', async () => {
    const node = await nodeWith({}, false)
    expect(node.services).toEqual(['http', 'public', 'jobs', 'dispatch', 'federation'])
    const [id] = await node.queue.enqueue([{ topic: 'echo', payload: { n: 3 } }])
    await sleep(2_000)
    expect(handled(node, id)).toBe(false)
    expect(
      (await node.queue.claim({ topic: 'echo', max: 5, leaseMs: 1_000, workerId: 'test' })).map((j) => j.id),
    ).toEqual([id])
  })

  it('says that dispatch and federation have nothing configured yet, and pretends nothing', async () => {
    const node = await nodeWith({ 'node.services': 'dispatch,federation' }, false)
    for (const service of ['dispatch', 'federation'])
      expect(node.captured.lines).toContainEqual(
        expect.objectContaining({
          service,
          msg: `service ${service}: nothing is configured for it yet; it runs no worker`,
        }),
      )
    expect(node.publicApp).toBeNull()
  })

  it('refuses an unknown service name, naming it, and exits 78 before touching any data', async () => {
    const flag = await runCli(['start', '--services', 'http,wroker', '--data-dir', '/nonexistent/liaison-x'])
    expect(flag.code).toBe(78)
    expect(flag.stderr).toContain(
      "flag --services: node.services: 'wroker' is not a service: the services are http, public, jobs, dispatch, federation",
    )
    const env = await runCli(['start', '--data-dir', '/nonexistent/liaison-x'], {
      env: { LIAISON_SERVICES: 'web' },
    })
    expect(env.code).toBe(78)
    expect(env.stderr).toContain("environment LIAISON_SERVICES: node.services: 'web' is not a service")
  })
})

const postgres = engines.find((e) => e.name === 'postgres')
describe.skipIf(!postgres)('one node in two processes on PostgreSQL: http apart from jobs', () => {
  it('a job enqueued by the http process is handled by the jobs process, not by itself', async () => {
    const db = await postgres!.fresh()
    const httpLog = captureLog()
    const jobsLog = captureLog()
    let web: RunningNode | null = null
    let jobs: RunningNode | null = null
    try {
      web = await startNode({
        config: testConfig(db.options, { 'node.services': 'http,public', 'queue.echo': true }),
        log: httpLog.log,
        listen: true,
      })
      jobs = await startNode({
        config: testConfig(db.options, { 'node.services': 'jobs', 'queue.echo': true }),
        log: jobsLog.log,
        listen: true,
      })
      expect((await fetch(`${web.url}/health`)).status).toBe(200)
      expect((await fetch(`${web.publicUrl!}/health`)).status).toBe(200)
      const [id] = await web.queue.enqueue([{ topic: 'echo', payload: { from: 'http' } }])
      await expect
        .poll(() => jobsLog.captured.lines.some((l) => l['msg'] === 'echo job handled' && l['job'] === id), {
          timeout: 10_000,
        })
        .toBe(true)
      expect(httpLog.captured.lines.some((l) => l['msg'] === 'echo job handled')).toBe(false)
    } finally {
      await jobs?.close()
      await web?.close()
      await db.dispose()
    }
  })
})
