import type { Logger } from 'pino'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { addOrganisation } from '../actions/addOrganisation.ts'
import { SecretBox } from '../auth/SecretBox.ts'
import { loadNodeKey } from '../auth/loadNodeKey.ts'
import { loadSigningKey } from '../auth/loadSigningKey.ts'
import { federationPublicKey } from '../auth/nodeSigningCrypto.ts'
import { recordNodeKey } from '../store/federation/nodeKeyRows.ts'
import { sealStoredSecrets } from '../auth/sealStoredSecrets.ts'
import { noWitness } from '../audit/CheckpointWitness.ts'
import type { AuditCheckpoints } from '../audit/auditCheckpoints.ts'
import { startAuditCheckpoints } from '../audit/auditCheckpoints.ts'
import type { NodeConfig, NodeService } from '../config.ts'
import type { DemoUser } from '../demo/DemoUser.ts'
import { EventBus } from '../events/EventBus.ts'
import { followCommittedEvents } from '../events/followCommittedEvents.ts'
import type { FederationPush } from '../federation/federationPush.ts'
import { startFederationPush } from '../federation/federationPush.ts'
import type { InboxApplier } from '../federation/startInboxApplier.ts'
import { startInboxApplier } from '../federation/startInboxApplier.ts'
import { startNodeProcessors } from '../processors/nodeProcessors.ts'
import type { RunningCapPoller } from '../capFeeds/startCapPoller.ts'
import { startCapPoller } from '../capFeeds/startCapPoller.ts'
import type { RunningProcessors } from '../processors/startProcessors.ts'
import { startAlertClock } from '../processors/startAlertClock.ts'
import type { Sequencer } from '../sequencer/startSequencer.ts'
import { startSequencer } from '../sequencer/startSequencer.ts'
import type { OrganisationsCache } from '../store/organisationsCache.ts'
import { organisationsCache } from '../store/organisationsCache.ts'
import type { AppDeps, App } from '../http/AppDeps.ts'
import { buildApp } from '../http/buildApp.ts'
import { createMetrics, registerPeerGauges } from '../metrics.ts'
import { peerStatuses } from '../federation/peerStatus.ts'
import { findCentre } from '../store/organisations/organisationRows.ts'
import type { Queue } from '../queue/Queue.ts'
import { startEchoWorker } from '../queue/echoWorker.ts'
import { openQueue } from '../queue/openQueue.ts'
import { buildPublicApp } from '../public/buildPublicApp.ts'
import { pagingDepsOf } from '../paging/PagingDeps.ts'
import { pagingProcessor } from '../paging/pagingProcessor.ts'
import { pagingSender } from '../paging/pagingSender.ts'
import { startPagingWorker } from '../paging/pagingWorker.ts'
import { inboundSmsRouter } from '../paging/routeInboundSms.ts'
import type { RunningWorkProcessor } from '../processors/runWorkProcessor.ts'
import { runWorkProcessor } from '../processors/runWorkProcessor.ts'
import type { CitizenChannels } from '../citizens/citizenSender.ts'
import { citizenChannelsFor, closeCitizenChannels } from '../citizens/citizenChannelsFor.ts'
import { publicAlertReader } from '../store/alerts/publicAlertRows.ts'
import type { Worker } from '../queue/runWorker.ts'
import type { Clock } from '../runtime/Clock.ts'
import { systemClock } from '../runtime/Clock.ts'
import { uuidv7Source } from '../runtime/IdSource.ts'
import { sha256Hex } from '../runtime/sha256Hex.ts'
import { migrate } from '../store/migrate.ts'
import type { Store } from '../store/openStore.ts'
import { openStore } from '../store/openStore.ts'
import { assertPortFree } from './assertPortFree.ts'
import { bindNode } from './bindNode.ts'

export interface RunningNode {
  /** Where the duty desk listens (service `http`); in a process without it, its configured address. */
  readonly url: string
  /**
   * The duty desk's application. It listens only in a process with the `http` service; elsewhere
   * it is built for in-process use (`inject`) and opens no socket.
   */
  readonly app: App
  /** The services this process runs (`node.services`). */
  readonly services: readonly NodeService[]
  /** The public listener (service `public`): its own application and address; null without it. */
  readonly publicApp: App | null
  readonly publicUrl: string | null
  readonly deps: AppDeps
  /** The signed checkpoints of the audit head (at start, on the interval, at close). */
  readonly auditCheckpoints: AuditCheckpoints
  /** The work queue (`queue.engine`); only the `echo` test processor consumes it yet. */
  readonly queue: Queue
  /** Polls the node's CAP sources (service `jobs`, one process of the node at a time); else null. */
  readonly capPoller: RunningCapPoller | null
  close(): Promise<void>
}

export interface StartNodeOptions {
  readonly config: NodeConfig
  readonly log: Logger
  readonly clock?: Clock
  /** Runs once the schema is current and before the node is ready (the demo seeds here). */
  readonly seed?: (deps: ActionDeps) => Promise<void>
  /** Demo nodes only: the demo accounts the sign-in page lists. Never set on a real node. */
  readonly demo?: { readonly users: readonly DemoUser[] }
  /** Build the apps without listening (tests use `app.inject`). */
  readonly listen?: boolean
}

/** The options for opening this node's store, from its configuration. */
export function storeOptions(config: NodeConfig) {
  return config.store.url
    ? ({ engine: 'postgres', url: config.store.url, poolSize: config.store.poolSize } as const)
    : ({ engine: 'pglite', dataDir: config.store.dataDir } as const)
}

/**
 * Starts one node: checks the address is free, opens and migrates the store, makes sure the
 * centre organisation exists, then listens. Any failure before listening leaves data as it was.
 */
export async function startNode(options: StartNodeOptions): Promise<RunningNode> {
  const { config } = options
  const log = options.log.child({ node: config.node.id })
  const listen = options.listen ?? true
  const services = new Set(config.node.services)
  if (listen && services.has('http')) await assertPortFree(config.http.host, config.http.port)
  if (listen && services.has('public')) await assertPortFree(config.public.host, config.public.port)

  const nodeKey = await loadNodeKey(config.auth.keyFile)
  if (nodeKey.created) log.info({ keyFile: config.auth.keyFile }, 'node key created')
  if (nodeKey.looseMode)
    log.warn({ keyFile: config.auth.keyFile }, 'the node key file is readable by others: chmod 600 it')
  const secrets = new SecretBox(nodeKey.key)
  const signing = await loadSigningKey(config.auth.signingKeyFile)
  if (signing.created) log.info({ signingKeyFile: config.auth.signingKeyFile }, 'node signing key created')
  if (signing.looseMode)
    log.warn(
      { signingKeyFile: config.auth.signingKeyFile },
      'the node signing key file is readable by others: chmod 600 it',
    )
  const store: Store = await openStore(storeOptions(config))
  let ready = false
  // where it listens; on port 0, known once it does
  let url = `http://${config.http.host.includes(':') && !config.http.host.startsWith('[') ? `[${config.http.host}]` : config.http.host}:${config.http.port}`
  let following: { close(): Promise<void> } | null = null
  let checkpoints: AuditCheckpoints | null = null
  let sequencer: Sequencer | null = null
  let queue: Queue | null = null
  let echo: Worker | null = null
  let publicApp: App | null = null
  let citizenChannels: CitizenChannels | null = null
  let publicUrl = config.public.url
  let processors: RunningProcessors | null = null
  let capPoller: RunningCapPoller | null = null
  let push: FederationPush | null = null
  let organisations: OrganisationsCache | null = null
  let applier: InboxApplier | null = null
  let pagingWork: RunningWorkProcessor | null = null
  let pagingJobs: Worker | null = null
  try {
    const report = await migrate(store.db)
    if (report.applied.length > 0) log.info({ applied: report.applied }, 'schema migrated')
    await bindNode(store.db, config.node.id)
    // the key it signs with now; a key it signed with before stays, retired, so its events verify
    const rotated = await recordNodeKey(
      store.db,
      { keyId: signing.key.keyId, publicKey: federationPublicKey(signing.key) },
      (options.clock ?? systemClock).now(),
    )
    if (rotated.changed) log.info({ keyId: signing.key.keyId }, 'node signing key recorded as current')
    const sealed = await sealStoredSecrets(store.db, secrets)
    if (sealed > 0) log.info({ sealed }, 'one-time code secrets sealed with the node key')

    const clock = options.clock ?? systemClock
    const metrics = createMetrics(config.node.id)
    registerPeerGauges(
      metrics,
      () => peerStatuses(store.db),
      () => clock.now(),
    )
    const bus = new EventBus((error) => log.error({ err: error }, 'a listener failed on committed events'))
    sequencer = await startSequencer({ store, sha256: sha256Hex, log, bus })
    organisations = organisationsCache(store, config.node.id, log)
    // the channels people are reached through (citizens' codes, staff pages), one set per process
    // and shared, so that a reply reaches the one router of mobile-originated messages
    if (services.has('http') || services.has('public') || services.has('jobs'))
      citizenChannels = citizenChannelsFor(config)
    const ids = uuidv7Source(clock)
    const deps: AppDeps = {
      nodeId: config.node.id,
      store,
      clock,
      ids,
      bus,
      sequencer,
      log,
      sha256: sha256Hex,
      secrets,
      organisations,
      alertProposals: { country: config.node.country, withinKm: config.federation.alertProposalKm },
      signingKey: signing.key,
      config,
      metrics,
      isReady: () => ready,
      nodeUrl: () => config.http.url ?? url,
      demo: options.demo ?? null,
      ...(citizenChannels ? { paging: pagingSender({ ids, log }, citizenChannels) } : {}),
    }
    const paging = pagingDepsOf(deps)
    const inbound = inboundSmsRouter(paging)
    citizenChannels?.sms?.onInbound((message) => void inbound(message))
    if (options.seed) await options.seed(deps)
    if (!(await findCentre(store.db, config.node.id))) {
      await addOrganisation(deps, {
        organisation: {
          code: 'centre',
          name: config.node.name,
          kind: 'centre',
          country: config.node.country,
        },
        caller: { kind: 'system', label: 'start-up' },
        source: 'start-up',
      })
    }

    // PostgreSQL: events reach this process's bus from the database, whichever process wrote them
    following = store.engine === 'postgres' ? await followCommittedEvents({ store, bus, log }) : null
    // the followers run in every process; the work processors only with the jobs service
    processors = await startNodeProcessors({
      store,
      bus,
      log,
      metrics,
      work: services.has('jobs'),
      federation: { nodeId: config.node.id, signingKey: signing.key, clock, appended: () => push?.wake() },
    })
    // the push of the per-peer streams runs beside the outbox processor (decision 032)
    if (services.has('jobs'))
      push = startFederationPush({ action: deps, signingKey: signing.key, config: config.federation })
    // and the inbox applier, which applies what peers sent into the received items (decision 035)
    if (services.has('jobs')) applier = startInboxApplier(deps)
    const audit = startAuditCheckpoints(
      {
        db: store.db,
        nodeId: config.node.id,
        key: signing.key,
        clock,
        file: config.audit.checkpointFile,
        witness: noWitness,
        log,
      },
      config.audit.checkpointSeconds,
    )
    checkpoints = audit
    await audit.checkpoint()
    queue = await openQueue(config, { store, clock, ids: deps.ids })
    // service jobs: the queue's workers and the work processors, which have one owner across
    // the node's processes. A process without it (http only, public only) runs no worker.
    if (services.has('jobs')) {
      // the queue's test processor, only where it is asked for (queue.echo)
      if (config.queue.echo) echo = startEchoWorker({ queue, clock, log, nodeId: config.node.id })
      // other authorities' CAP feeds (decision 031), polled by one process of the node
      capPoller = await startCapPoller(deps)
      // staff paging (decision 044): its processor queues the work, its worker does it when due
      pagingWork = await runWorkProcessor({ store, bus, log, processor: pagingProcessor({ queue, clock }) })
      pagingJobs = startPagingWorker({ ...paging, queue, pollMs: config.paging.pollMs })
      // the work processors (notifications, the public alerts; later the planners) run: see
      // startNodeProcessors above, given work: services.has('jobs')
    }
    for (const service of ['dispatch', 'federation'] as const) {
      if (services.has(service))
        log.info({ service }, `service ${service}: nothing is configured for it yet; it runs no worker`)
    }
    const work = queue
    const alertClock = services.has('jobs') ? startAlertClock(deps) : null
    const app = await buildApp(deps)
    try {
      if (listen && services.has('http')) {
        try {
          url = await app.listen({ host: config.http.host, port: config.http.port })
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code
          if (code === 'EADDRINUSE') await assertPortFree(config.http.host, config.http.port)
          throw error
        }
      } else {
        await app.ready()
      }
      if (services.has('public') && citizenChannels) {
        const built = await buildPublicApp({
          citizens: { actions: deps, channels: citizenChannels },
          config,
          log,
          ids: deps.ids,
          clock: deps.clock,
          alerts: publicAlertReader(store.db),
          publicUrl: () => publicUrl ?? 'http://127.0.0.1',
        })
        publicApp = built
        if (listen) {
          try {
            const listening = await built.listen({ host: config.public.host, port: config.public.port })
            publicUrl = config.public.url ?? listening
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code
            if (code === 'EADDRINUSE') await assertPortFree(config.public.host, config.public.port)
            throw error
          }
        } else {
          await built.ready()
          // not listening (tests inject): it answers for its loopback names
          publicUrl ??= 'http://127.0.0.1'
        }
      }
    } catch (error) {
      await alertClock?.stop()
      await publicApp?.close()
      await app.close()
      throw error
    }
    ready = true
    log.info(
      {
        url: services.has('http') && listen ? url : null,
        publicUrl: services.has('public') && listen ? publicUrl : null,
        services: config.node.services,
        store: store.engine,
        location: store.location,
      },
      'node ready',
    )
    const openPublic = publicApp
    return {
      url,
      app,
      services: config.node.services,
      publicApp: openPublic,
      publicUrl: openPublic ? publicUrl : null,
      deps,
      auditCheckpoints: audit,
      queue: work,
      capPoller,
      async close() {
        ready = false
        await openPublic?.close()
        await app.close()
        await pagingJobs?.stop()
        await pagingWork?.close()
        if (citizenChannels) await closeCitizenChannels(citizenChannels)
        await echo?.stop()
        await alertClock?.stop()
        await capPoller?.close()
        await work.close()
        await push?.close()
        await applier?.close()
        await processors?.close()
        await audit.close()
        await sequencer?.close()
        await following?.close()
        await organisations?.close()
        await store.close()
        log.info('node stopped')
      },
    }
  } catch (error) {
    await echo?.stop().catch(() => {})
    await pagingJobs?.stop().catch(() => {})
    await pagingWork?.close().catch(() => {})
    if (citizenChannels) await closeCitizenChannels(citizenChannels).catch(() => {})
    await capPoller?.close().catch(() => {})
    await queue?.close().catch(() => {})
    await push?.close().catch(() => {})
    await applier?.close().catch(() => {})
    await processors?.close().catch(() => {})
    await checkpoints?.close().catch(() => {})
    await sequencer?.close().catch(() => {})
    await following?.close().catch(() => {})
    await organisations?.close().catch(() => {})
    await store.close().catch(() => {})
    throw error
  }
}
