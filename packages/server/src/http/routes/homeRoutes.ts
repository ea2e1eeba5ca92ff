import { findCentre, listOrganisations } from '../../store/organisations/organisationRows.ts'
import { liaisonVersion } from '../../version.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { escapeHtml } from '@liaison/core'

const css = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{background:#0b3d63;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.5rem}
header p{margin:.25rem 0 0;opacity:.9}main{padding:1rem 2rem;max-width:60rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d0d5dc}
a{color:#0b3d63}footer{padding:1rem 2rem;color:#555;font-size:.875rem}`

const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b3d63"/><path d="M9 8v16h14v-4H13V8z" fill="#fff"/></svg>`

/** The node's front page: which centre this is, its organisations, and where the API is. */
export function homeRoutes(app: App, deps: AppDeps): void {
  app.get('/assets/home.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css),
  )

  app.get('/assets/icon.svg', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(icon),
  )

  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const centre = await findCentre(deps.store.db, deps.nodeId)
    const orgs = await listOrganisations(deps.store.db, deps.nodeId)
    const name = centre?.name ?? deps.config.node.name
    const rows = orgs
      .map(
        (o) =>
          `<tr><td>${escapeHtml(o.name)}</td><td><code>${escapeHtml(o.code)}</code></td><td>${o.kind}</td><td>${o.country}</td></tr>`,
      )
      .join('')
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(name)} · Liaison</title><link rel="stylesheet" href="/assets/home.css"><link rel="icon" href="/assets/icon.svg" type="image/svg+xml"></head>
<body><header><h1 data-testid="centre-name">${escapeHtml(name)}</h1>
<p>Liaison node <code>${escapeHtml(deps.nodeId)}</code> · ${deps.config.node.country}</p></header>
<main><h2>Organisations</h2>
<table><thead><tr><th scope="col">Name</th><th scope="col">Code</th><th scope="col">Kind</th><th scope="col">Country</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>For programs</h2><ul><li><a href="/api/docs">API documentation</a> (<a href="/api/docs/json">OpenAPI</a>)</li>
<li><a href="/health">/health</a> · <a href="/ready">/ready</a> · <a href="/metrics">/metrics</a></li>
<li>Live stream: <code>/api/v1/stream</code> (Server-Sent Events)</li></ul></main>
<footer>Liaison ${liaisonVersion}</footer></body></html>`
    return reply.type('text/html; charset=utf-8').send(html)
  })
}
