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
