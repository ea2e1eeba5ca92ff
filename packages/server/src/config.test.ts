import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LiaisonError } from '@liaison/core'
import { defaultPushServiceHosts } from './channels/push/pushServiceHosts.ts'
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
      node: {
        id: 'local',
        name: 'Liaison',
        country: 'BE',
        services: ['http', 'public', 'jobs', 'dispatch', 'federation'],
      },
      http: {
        host: '127.0.0.1',
        port: 8080,
        url: 'http://127.0.0.1:8080',
        allowedHosts: ['127.0.0.1:8080', '127.0.0.1', 'localhost', '[::1]'],
        bodyLimit: 1048576,
        trustProxy: false,
        webDir: expect.stringMatching(/packages\/web\/dist$/) as string,
        streamHeartbeatSeconds: 15,
        streamsPerPrincipal: 8,
        streamsPerAddress: 64,
        authFailuresPerAddress: 30,
        authFailureWindowSeconds: 60,
        idempotencyHours: 24,
      },
      public: {
        host: '127.0.0.1',
        port: 8090,
        url: 'http://127.0.0.1:8090',
        allowedHosts: ['127.0.0.1:8090', '127.0.0.1', 'localhost', '[::1]'],
        requestsPerMinute: 600,
      },
      metrics: { allow: ['127.0.0.0/8', '::1'], token: null },
      store: { dataDir: '/srv/liaison/data/local', url: null, poolSize: 10 },
      auth: {
        keyFile: '/srv/liaison/data/local/node.key',
        signingKeyFile: '/srv/liaison/data/local/node-signing.key',
      },
      audit: { checkpointSeconds: 300, checkpointFile: '/srv/liaison/data/local/audit-checkpoints.jsonl' },
      federation: {
        pushSeconds: 10,
        parkAfter: 10,
        alertProposalKm: 10,
        caFile: null,
        keyGraceSeconds: 604_800,
      },
      log: { level: 'info' },
      email: { smtpUrl: null, from: 'noreply@127.0.0.1', unsubscribeMailto: null, maxConnections: 5 },
      push: {
        vapidSubject: 'mailto:noreply@127.0.0.1',
        vapidKeyFile: '/srv/liaison/data/local/vapid.key',
        serviceHosts: defaultPushServiceHosts,
      },
      queue: {
        engine: 'database',
        natsUrl: 'nats://127.0.0.1:4222',
        natsPrefix: 'liaison_local',
        echo: false,
      },
      paging: { pollMs: 1000 },
      sms: { operatorsFile: null, operators: null },
      broadcast: { operatorsFile: null, operators: null },
    })
  })

  it('takes the services of this process, in their order, and refuses one it does not know, naming it', () => {
    expect(loadConfig({ env: { LIAISON_SERVICES: 'jobs, http,jobs' }, cwd }).node.services).toEqual([
      'http',
      'jobs',
    ])
    expect(loadConfig({ env: {}, flags: { 'node.services': 'public' }, cwd }).node.services).toEqual([
      'public',
    ])
    expect(
      problemsOf(() => loadConfig({ env: {}, flags: { 'node.services': 'http,worker,cap' }, cwd })),
    ).toEqual([
      "flag --services: node.services: 'worker', 'cap' are not services: the services are http, public, jobs, dispatch, federation",
    ])
    expect(problemsOf(() => loadConfig({ env: { LIAISON_SERVICES: ' , ' }, cwd }))).toEqual([
      "environment LIAISON_SERVICES: node.services: ' , ' must name at least one service",
    ])
  })

  it('gives the public listener its own address and origin, and refuses the duty desk’s', () => {
    const config = loadConfig({
      env: { LIAISON_PUBLIC_URL: 'https://alert.example.org', LIAISON_PUBLIC_HOST: '0.0.0.0' },
      flags: { 'public.port': '9000', 'public.allowedHosts': 'alert.internal' },
      cwd,
    })
    expect(config.public).toEqual({
      host: '0.0.0.0',
      port: 9000,
      url: 'https://alert.example.org',
      allowedHosts: ['alert.example.org', 'alert.internal'],
      requestsPerMinute: 600,
    })
    expect(loadConfig({ env: { LIAISON_HTTP_PORT: '0' }, cwd }).public).toMatchObject({ port: 0, url: null })
    expect(
      problemsOf(() => loadConfig({ env: { LIAISON_PUBLIC_HOST: '::', LIAISON_PUBLIC_PORT: '8080' }, cwd })),
    ).toEqual([
      'public.url: public.host :: listens on every interface, so the public listener cannot tell its own address: set public.url to the address citizens reach (such as https://alert.example.org)',
    ])
    expect(problemsOf(() => loadConfig({ env: { LIAISON_PUBLIC_PORT: '8080' }, cwd }))).toEqual([
      "public.port: the public listener needs an address of its own, not the duty desk's 127.0.0.1:8080 (set public.port)",
    ])
    // a process without the public service does not listen on it
    expect(
      loadConfig({ env: { LIAISON_PUBLIC_PORT: '8080', LIAISON_SERVICES: 'http' }, cwd }).public.port,
    ).toBe(8080)
  })

  it('chooses the queue engine, and refuses an unknown one and an address that is not NATS', () => {
    const config = loadConfig({
      env: { LIAISON_QUEUE_ENGINE: 'nats', LIAISON_NODE_ID: 'be' },
      flags: { 'queue.natsUrl': 'nats://broker:4222' },
      cwd,
    })
    expect(config.queue).toEqual({
      engine: 'nats',
      natsUrl: 'nats://broker:4222',
      natsPrefix: 'liaison_be',
      echo: false,
    })
    expect(
      problemsOf(() =>
        loadConfig({
          env: {
            LIAISON_QUEUE_ENGINE: 'redis',
            LIAISON_QUEUE_NATS_URL: 'http://broker:4222',
            LIAISON_QUEUE_NATS_PREFIX: 'a.b',
          },
          cwd,
        }),
      ),
    ).toEqual([
      "environment LIAISON_QUEUE_ENGINE: queue.engine: 'redis' must be one of database, nats",
      "environment LIAISON_QUEUE_NATS_URL: queue.natsUrl: 'http://broker:4222' must be a nats:// or tls:// address such as nats://127.0.0.1:4222",
      "environment LIAISON_QUEUE_NATS_PREFIX: queue.natsPrefix: 'a.b' must be 1-64 of A-Z, a-z, 0-9, - and _",
    ])
  })

  it('puts the signing key and the audit checkpoints beside the node key, wherever that is', () => {
    const config = loadConfig({
      env: { LIAISON_KEY_FILE: '/etc/liaison/node.key', LIAISON_AUDIT_CHECKPOINT_SECONDS: '60' },
      flags: { 'store.url': 'postgres://liaison@db:5432/liaison' },
      cwd,
    })
    expect(config.auth).toEqual({
      keyFile: '/etc/liaison/node.key',
      signingKeyFile: '/etc/liaison/node-signing.key',
    })
    expect(config.audit).toEqual({
      checkpointSeconds: 60,
      checkpointFile: '/etc/liaison/audit-checkpoints.jsonl',
    })
    expect(() => loadConfig({ env: { LIAISON_AUDIT_CHECKPOINT_SECONDS: '0' }, cwd })).toThrow(
      /audit.checkpointSeconds: '0' must be a whole number from 1 to 86400/,
    )
  })

  it('layers defaults < file < environment < flags', () => {
    const file = configFile(
      JSON.stringify({
        node: { id: 'nl', name: 'NCC' },
        http: { port: 9000, host: '0.0.0.0', url: 'https://liaison.example.org' },
        // on every interface too, so it needs its own address
        public: { url: 'https://alert.example.org' },
      }),
    )
    const config = loadConfig({
      file,
      env: { LIAISON_HTTP_PORT: '9001', LIAISON_NODE_NAME: 'Nationaal Crisiscentrum' },
      flags: { 'http.port': '9002' },
      cwd,
    })
    expect(config.node).toMatchObject({ id: 'nl', name: 'Nationaal Crisiscentrum', country: 'BE' })
    expect(config.public).toMatchObject({ host: '0.0.0.0', port: 8090, url: 'https://alert.example.org' })
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

  it("builds the node's own address from where it listens, or takes http.url", () => {
    const http = (env: Record<string, string>) => loadConfig({ env, cwd }).http
    expect(http({ LIAISON_HTTP_HOST: '::1', LIAISON_HTTP_PORT: '9000' })).toMatchObject({
      url: 'http://[::1]:9000',
      allowedHosts: ['[::1]:9000', '127.0.0.1', 'localhost', '[::1]'],
    })
    // on port 0 the address is known once the node listens
    expect(http({ LIAISON_HTTP_PORT: '0' })).toMatchObject({
      url: null,
      allowedHosts: ['127.0.0.1', 'localhost', '[::1]'],
    })
    // a trailing slash and the default port are dropped: the origin is what addresses start with
    expect(http({ LIAISON_HTTP_URL: 'HTTPS://Liaison.Example.org:443/' })).toMatchObject({
      url: 'https://liaison.example.org',
      allowedHosts: ['liaison.example.org', '127.0.0.1', 'localhost', '[::1]'],
    })
    // not on loopback: only the node's own address
    expect(http({ LIAISON_HTTP_HOST: '10.0.0.5' })).toMatchObject({
      url: 'http://10.0.0.5:8080',
      allowedHosts: ['10.0.0.5:8080'],
    })
  })

  it('takes the allowed hosts from a list or a comma-separated value, besides the host of http.url', () => {
    expect(
      loadConfig({
        env: { LIAISON_HTTP_ALLOWED_HOSTS: ' Liaison.Internal , 10.0.0.5:8080,[fd00::1]' },
        flags: { 'http.url': 'https://liaison.example.org' },
        cwd,
      }).http.allowedHosts,
    ).toEqual(['liaison.example.org', 'liaison.internal', '10.0.0.5:8080', '[fd00::1]'])
    const file = configFile(JSON.stringify({ http: { allowedHosts: ['liaison.internal'] } }))
    expect(loadConfig({ file, env: {}, cwd }).http.allowedHosts).toEqual([
      '127.0.0.1:8080',
      'liaison.internal',
    ])
  })

  it.each([
    [
      { LIAISON_HTTP_URL: 'liaison.example.org' },
      "http.url: 'liaison.example.org' must be an http:// or https:// address",
    ],
    [{ LIAISON_HTTP_URL: 'https://liaison.example.org/liaison' }, 'without a path'],
    [{ LIAISON_HTTP_URL: 'ftp://liaison.example.org' }, 'must be an http:// or https:// address'],
    [{ LIAISON_HTTP_URL: 'https://user:pw@liaison.example.org' }, 'must be an http:// or https:// address'],
    [
      { LIAISON_HTTP_ALLOWED_HOSTS: '::1' },
      "'::1' is not a host name or host:port (an IPv6 address is written in brackets: [::1])",
    ],
    [{ LIAISON_HTTP_ALLOWED_HOSTS: '*' }, "'*' is not a host name"],
    [{ LIAISON_HTTP_ALLOWED_HOSTS: 'a.example, http://b.example' }, "'http://b.example' is not a host name"],
    [{ LIAISON_HTTP_ALLOWED_HOSTS: ' , ' }, 'must name at least one host'],
    [
      { LIAISON_HTTP_HOST: '0.0.0.0' },
      'http.host 0.0.0.0 listens on every interface, so the node cannot tell its own address: set http.url',
    ],
    [{ LIAISON_HTTP_HOST: '::' }, 'set http.url'],
  ])('refuses %j', (env, message) => {
    const [problem] = problemsOf(() => loadConfig({ env, cwd }))
    expect(problem).toContain(message)
  })

  it('takes the distance within which an alert is proposed to a neighbour, 0 to 50 km', () => {
    expect(
      loadConfig({ env: { LIAISON_FEDERATION_ALERT_PROPOSAL_KM: '0' }, cwd }).federation.alertProposalKm,
    ).toBe(0)
    expect(
      loadConfig({ env: { LIAISON_FEDERATION_ALERT_PROPOSAL_KM: '25' }, cwd }).federation.alertProposalKm,
    ).toBe(25)
    for (const km of ['51', '-1', '2.5', 'ten'])
      expect(
        problemsOf(() => loadConfig({ env: { LIAISON_FEDERATION_ALERT_PROPOSAL_KM: km }, cwd }))[0],
      ).toContain('federation.alertProposalKm')
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

  it('reads the e-mail and Web Push keys, the VAPID subject from an https public address, and refuses bad ones without printing the SMTP password', () => {
    const config = loadConfig({
      env: {
        LIAISON_EMAIL_SMTP_URL: 'smtps://liaison:p%40ss@mail.crisis.example:465',
        LIAISON_EMAIL_FROM: 'Centre de crise <alert@crisis.example>',
        LIAISON_EMAIL_UNSUBSCRIBE_MAILTO: 'leave@crisis.example',
        LIAISON_PUBLIC_URL: 'https://alert.example.org',
      },
      flags: {
        'email.maxConnections': '12',
        'push.vapidKeyFile': 'keys/vapid.pem',
        'push.serviceHosts': '*.push.example, Push.Internal:8443',
      },
      cwd,
    })
    expect(config.email).toEqual({
      smtpUrl: 'smtps://liaison:p%40ss@mail.crisis.example:465',
      from: 'Centre de crise <alert@crisis.example>',
      unsubscribeMailto: 'leave@crisis.example',
      maxConnections: 12,
    })
    expect(config.push).toEqual({
      vapidSubject: 'https://alert.example.org',
      vapidKeyFile: '/srv/liaison/data/local/keys/vapid.pem',
      serviceHosts: ['*.push.example', 'push.internal:8443'],
    })
    expect(loadConfig({ env: { LIAISON_EMAIL_FROM: 'alert@crisis.example' }, cwd }).push.vapidSubject).toBe(
      'mailto:alert@crisis.example',
    )
    const problems = problemsOf(() =>
      loadConfig({
        env: {
          LIAISON_EMAIL_SMTP_URL: 'http://liaison:hunter2@mail.example',
          LIAISON_EMAIL_FROM: 'Centre <not an address>',
          LIAISON_EMAIL_UNSUBSCRIBE_MAILTO: 'mailto:leave@crisis.example',
          LIAISON_PUSH_VAPID_SUBJECT: 'http://crisis.example',
          LIAISON_PUSH_SERVICE_HOSTS: 'https://push.example/',
        },
        cwd,
      }),
    )
    expect(problems).toHaveLength(5)
    expect(problems.join('\n')).not.toContain('hunter2')
    expect(problems[0]).toMatch(/^environment LIAISON_EMAIL_SMTP_URL: email.smtpUrl: must be an smtp:\/\//)
    expect(problems[4]).toMatch(/push.serviceHosts: 'https:\/\/push.example\/': not a host/)
    expect(problems[3]).toMatch(
      /push.vapidSubject: 'http:\/\/crisis.example' must be a mailto: address or an https: URL/,
    )
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

describe('sms.operatorsFile', () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'liaison-sms-')), 'operators.json')
    writeFileSync(path, content)
    return path
  }
  const account = {
    id: 'proximus',
    host: 'smsc.example.org',
    port: 2775,
    systemId: 'liaison',
    password: 'secret',
    sourceAddr: 'BE-Alert',
    prefixes: ['+3247'],
  }

  it('reads and checks the file at load, with its defaults', () => {
    const path = file(JSON.stringify({ operators: [account], ported: { '+32470000001': 'proximus' } }))
    const config = loadConfig({ env: { LIAISON_SMS_OPERATORS_FILE: path }, cwd })
    expect(config.sms.operatorsFile).toBe(path)
    expect(config.sms.operators).toEqual({
      operators: [
        {
          ...account,
          systemType: '',
          ratePerSecond: 50,
          window: 10,
          enquireLinkSeconds: 30,
          responseTimeoutSeconds: 10,
        },
      ],
      ported: { '+32470000001': 'proximus' },
    })
  })

  it('refuses a bad file with each problem naming its field, never the password', () => {
    const path = file(
      JSON.stringify({
        operators: [
          { ...account, port: 70000, password: 'much-too-long-secret', prefixes: ['3247'] },
          { ...account, window: 0, colour: 'red' },
        ],
        ported: { '0470000001': 'proximus', '+32470000002': 'nobody' },
        defaultOperator: 'base',
      }),
    )
    const problems = problemsOf(() => loadConfig({ env: {}, flags: { 'sms.operatorsFile': path }, cwd }))
    const fields = problems.map(
      (p) => /: (operators\[\d\]\.\w+|ported\["[^"]+"\]|defaultOperator): /.exec(p)?.[1],
    )
    expect(fields).toEqual([
      'operators[0].prefixes',
      'operators[0].port',
      'operators[0].password',
      'operators[1].colour',
      'operators[1].window',
      'operators[1].id',
      'ported["0470000001"]',
      'ported["+32470000002"]',
      'defaultOperator',
    ])
    expect(problems.every((p) => p.startsWith('sms.operatorsFile: '))).toBe(true)
    expect(problems.join('\n')).not.toContain('much-too-long-secret')
  })

  it('refuses a file that is missing or not JSON', () => {
    expect(
      problemsOf(() => loadConfig({ env: { LIAISON_SMS_OPERATORS_FILE: '/nonexistent/ops.json' }, cwd }))[0],
    ).toContain('ENOENT')
    expect(problemsOf(() => loadConfig({ env: { LIAISON_SMS_OPERATORS_FILE: file('{') }, cwd }))[0]).toMatch(
      /sms\.operatorsFile: .*JSON/,
    )
    expect(
      problemsOf(() => loadConfig({ env: { LIAISON_SMS_OPERATORS_FILE: file('[]') }, cwd }))[0],
    ).toContain('must hold a JSON object')
  })
})
