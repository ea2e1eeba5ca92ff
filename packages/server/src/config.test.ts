import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LiaisonError } from '@liaison/core'
import { configHelp, configKeys, loadConfig } from './config.ts'

const cwd = '/srv/liaison'

function problemsOf(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    if (error instanceof LiaisonError && error.code === 'config_invalid')
      return (error.details as { problems: string[] }).problems
    throw error
  }
  throw new Error('expected config_invalid')
}

function configFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'liaison-config-')), 'liaison.json')
  writeFileSync(path, content)
  return path
}

describe('loadConfig', () => {
  it('has defaults that start an embedded node on loopback', () => {
    expect(loadConfig({ env: {}, cwd })).toEqual({
      node: { id: 'local', name: 'Liaison', country: 'BE' },
      http: {
        host: '127.0.0.1',
        port: 8080,
        bodyLimit: 1048576,
        trustProxy: false,
        webDir: expect.stringMatching(/packages\/web\/dist$/) as string,
        streamHeartbeatSeconds: 15,
        streamsPerPrincipal: 8,
        streamsPerAddress: 64,
        authFailuresPerAddress: 30,
        authFailureWindowSeconds: 60,
      },
      metrics: { allow: ['127.0.0.0/8', '::1'], token: null },
      store: { dataDir: '/srv/liaison/data/local', url: null, poolSize: 10 },
      auth: { keyFile: '/srv/liaison/data/local/node.key' },
      log: { level: 'info' },
    })
  })

  it('layers defaults < file < environment < flags', () => {
    const file = configFile(
      JSON.stringify({ node: { id: 'nl', name: 'NCC' }, http: { port: 9000, host: '0.0.0.0' } }),
    )
    const config = loadConfig({
      file,
      env: { LIAISON_HTTP_PORT: '9001', LIAISON_NODE_NAME: 'Nationaal Crisiscentrum' },
      flags: { 'http.port': '9002' },
      cwd,
    })
    expect(config.node).toEqual({ id: 'nl', name: 'Nationaal Crisiscentrum', country: 'BE' })
    expect(config.http.port).toBe(9002)
    expect(config.http.host).toBe('0.0.0.0')
    expect(config.store.dataDir).toBe('/srv/liaison/data/nl')
  })

  it('takes a file with dotted keys and the path from LIAISON_CONFIG', () => {
    const file = configFile(
      JSON.stringify({ 'store.url': 'postgres://liaison@db.internal:5432/liaison', 'http.trustProxy': true }),
    )
    const config = loadConfig({ env: { LIAISON_CONFIG: file }, cwd })
    expect(config.store.url).toBe('postgres://liaison@db.internal:5432/liaison')
    expect(config.http.trustProxy).toBe(true)
  })

  it('lists every problem at once, each with where it came from', () => {
    const file = configFile(JSON.stringify({ htp: { port: 1 }, node: { id: 'BE' } }))
    const problems = problemsOf(() =>
      loadConfig({
        file,
        env: { LIAISON_HTTP_PORT: '80x', LIAISON_DATABSE_URL: 'postgres://x/y' },
        flags: { 'store.url': 'mysql://root@localhost/db', 'log.level': 'loud' },
        cwd,
      }),
    )
    expect(problems).toEqual([
      expect.stringMatching(/^config file .*: unknown key 'htp.port' \(did you mean 'http.port'\?\)$/),
      expect.stringMatching(/^config file .*: node.id: 'BE' must be lower-case/),
      "environment LIAISON_HTTP_PORT: http.port: '80x' must be a whole number from 0 to 65535",
      "environment: unknown variable LIAISON_DATABSE_URL (did you mean 'LIAISON_DATABASE_URL'?)",
      "flag --database-url: store.url: scheme 'mysql:' is not supported: use postgres://user@host:5432/database",
      "flag --log-level: log.level: 'loud' must be one of fatal, error, warn, info, debug, trace, silent",
    ])
  })

  it.each([
    ['not a URL', 'not a URL'],
    ['postgres://', 'names no host'],
    ['postgres://host:5432', 'names no database'],
    ['postgres://user:secret@host:99999/db', 'not a URL'],
  ])('refuses the database URL %j and never prints its password', (url, message) => {
    const [problem] = problemsOf(() => loadConfig({ env: { LIAISON_DATABASE_URL: url }, cwd }))
    expect(problem).toContain(message)
    expect(problem).not.toContain('secret')
  })

  it('says what is wrong with an unreadable or malformed file', () => {
    expect(problemsOf(() => loadConfig({ file: '/nonexistent/liaison.json', env: {}, cwd }))[0]).toMatch(
      /ENOENT/,
    )
    expect(problemsOf(() => loadConfig({ file: configFile('{"node": '), env: {}, cwd }))[0]).toMatch(/JSON/)
    expect(problemsOf(() => loadConfig({ file: configFile('[1]'), env: {}, cwd }))[0]).toMatch(
      /must hold a JSON object/,
    )
  })

  it('takes the metrics allow-list as a JSON list in the file or a comma-separated string', () => {
    const file = configFile(JSON.stringify({ metrics: { allow: ['10.0.0.0/8', '::1'] } }))
    expect(loadConfig({ file, env: {}, cwd }).metrics.allow).toEqual(['10.0.0.0/8', '::1'])
    expect(
      loadConfig({ env: { LIAISON_METRICS_ALLOW: '192.0.2.7, 2001:db8::/32' }, cwd }).metrics.allow,
    ).toEqual(['192.0.2.7', '2001:db8::/32'])
    expect(loadConfig({ env: { LIAISON_METRICS_ALLOW: '' }, cwd }).metrics.allow).toEqual([])
    expect(problemsOf(() => loadConfig({ env: { LIAISON_METRICS_ALLOW: 'example.org' }, cwd }))).toEqual([
      "environment LIAISON_METRICS_ALLOW: metrics.allow: 'example.org' is not an IP address or a network (address/prefix)",
    ])
  })

  it('refuses a short metrics token without printing it', () => {
    const [problem] = problemsOf(() => loadConfig({ env: { LIAISON_METRICS_TOKEN: 'hunter2' }, cwd }))
    expect(problem).toContain('metrics.token: must be 16 to 512')
    expect(problem).not.toContain('hunter2')
    const token = 'a-scraper-secret-of-32-characters'
    expect(loadConfig({ env: { LIAISON_METRICS_TOKEN: token }, cwd }).metrics.token).toBe(token)
  })

  it('ignores LIAISON_TEST_ variables, which belong to the tests', () => {
    expect(() => loadConfig({ env: { LIAISON_TEST_PG_URL: 'postgres://x/y' }, cwd })).not.toThrow()
  })

  it('documents every key in the help text', () => {
    const help = configHelp()
    for (const key of configKeys) {
      expect(help).toContain(key.key)
      expect(help).toContain(key.env)
      expect(help).toContain(key.flag)
    }
  })
})
