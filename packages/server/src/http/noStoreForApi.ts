import type { App } from './AppDeps.ts'

/**
 * Every answer under /api/v1 (data, errors, refusals) is marked `Cache-Control: no-store`, so that
 * no browser or proxy keeps what a signed-in principal or token was given. A route that means to be
 * cached (the calendar feed) sets its own header, which wins. The web application's files, outside
 * /api/v1, keep their caching.
 */
export function noStoreForApi(app: App): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/api/v1/')) void reply.header('cache-control', 'no-store')
  })
}
