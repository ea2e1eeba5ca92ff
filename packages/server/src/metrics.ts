import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  readonly registry: Registry
  readonly httpRequests: Counter<'method' | 'route' | 'status'>
  readonly httpDuration: Histogram<'method' | 'route'>
  readonly eventsCommitted: Counter<'kind'>
  readonly streamClients: Gauge
}

/** One registry per node (the demo runs three nodes in one process). */
export function createMetrics(nodeId: string): Metrics {
  const registry = new Registry()
  registry.setDefaultLabels({ node: nodeId })
  collectDefaultMetrics({ register: registry, prefix: 'liaison_process_' })
  return {
    registry,
    httpRequests: new Counter({
      name: 'liaison_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'liaison_http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsCommitted: new Counter({
      name: 'liaison_events_committed_total',
      help: 'Domain events committed, by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    streamClients: new Gauge({
      name: 'liaison_stream_clients',
      help: 'Clients connected to the live stream',
      registers: [registry],
    }),
  }
}

/**
 * The partner status as Prometheus gauges, read from the store at each scrape (issue 9,
 * capability 7): per peer, entries waiting out, received, parked, reachable, seconds since the
 * last contact.
 */
export function registerPeerGauges(
  metrics: Pick<Metrics, 'registry'>,
  read: () => Promise<
    readonly {
      readonly nodeId: string
      readonly reachable: boolean | null
      readonly lastContactAt: Date | null
      readonly outbound: { readonly waiting: number }
      readonly inbound: { readonly received: number }
      readonly parkedSince: Date | null
    }[]
  >,
  now: () => Date,
): void {
  // one read per scrape, shared by the gauges
  let current: Promise<void> | null = null
  const refresh = (): Promise<void> => {
    current ??= read()
      .then((peers) => {
        for (const g of gauges) g.reset()
        for (const p of peers) {
          waiting.set({ peer: p.nodeId }, p.outbound.waiting)
          received.set({ peer: p.nodeId }, p.inbound.received)
          parked.set({ peer: p.nodeId }, p.parkedSince ? 1 : 0)
          reachable.set({ peer: p.nodeId }, p.reachable ? 1 : 0)
          if (p.lastContactAt)
            contact.set({ peer: p.nodeId }, Math.max(0, (now().getTime() - p.lastContactAt.getTime()) / 1000))
        }
      })
      .finally(() => {
        setTimeout(() => (current = null), 0)
      })
    return current
  }
  const gauge = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: ['peer'], registers: [metrics.registry], collect: refresh })
  const waiting = gauge(
    'liaison_federation_peer_waiting',
    "Entries of the peer's stream it has not acknowledged",
  )
  const received = gauge('liaison_federation_peer_received', 'Entries received from the peer')
  const parked = gauge(
    'liaison_federation_peer_parked',
    '1 when pushes to the peer failed so often it is parked',
  )
  const reachable = gauge(
    'liaison_federation_peer_reachable',
    '1 when the last push to the peer was answered',
  )
  const contact = gauge(
    'liaison_federation_peer_last_contact_age_seconds',
    'Seconds since the last answer from or request by the peer',
  )
  const gauges = [waiting, received, parked, reachable, contact]
}
