import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LiaisonError } from '@liaison/core'
import { CitizenRegistrationInfo, errorResponses, PublicPlacePage, PublicPlaceQuery } from '@liaison/wire'
import { Type } from 'typebox'
import type { NodeConfig } from '../config.ts'
import { vapidPublicKeyFor } from '../channels/channelsFromConfig.ts'
import type { CitizenChannels } from '../citizens/citizenSender.ts'
import type { App } from '../http/AppDeps.ts'
import { pageFrom, startOf } from '../http/paging.ts'
import { pageAreas } from '../store/areas/areaRows.ts'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { citizenPagePolicy } from './citizenPagePolicy.ts'
import { beneluxOutlinePath, mapFrame, mapHeight, mapWidth } from './publicAlertMap.ts'
import { withinCitizenLimit, citizenLimits } from './citizenLimits.ts'

export interface CitizenPageDeps {
  readonly config: NodeConfig
  readonly actions: ActionDeps
  readonly channels: CitizenChannels
}

/** The places a search answers at most, unless it asks for fewer. */
const placeLimit = 10
/** The built page's files: the bundle's hashed names (`citizen-AbC_12.js`) and the service worker. */
const assetName = /^[A-Za-z0-9_-]{1,80}(\.[A-Za-z0-9_-]{1,20})?\.(js|css|svg|woff2)$/
const types: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
}

/**
 * The citizen page (issue 11, capability 1) on the public listener: the built page
 * (`citizen.html` of the web application, `http.webDir`), its files under `/assets/`, the alert
 * service worker at `/alert-sw.js` (decision 037), what the page needs to know
 * (`/public/v1/registration`: the kinds of address offered, the VAPID key) and the search of
 * imported areas for a place (`/public/v1/places`). The page runs its own script from this
 * origin only (its policy: `citizenPagePolicy`); it talks to the registration API of decision 040.
 */
export function citizenPageRoutes(app: App, deps: CitizenPageDeps): void {
  const webDir = deps.config.http.webDir
  const db = deps.actions.store.db
  let pushKey: Promise<string | null> | undefined

  const sendFile = async (path: string, type: string, immutable: boolean) => {
    try {
      return { body: await readFile(path), type, immutable }
    } catch {
      throw new LiaisonError('not_found', 'the citizen page is not built here (npm run build)')
    }
  }

  app.get('/register', { schema: { hide: true } }, async (_req, reply) => {
    const file = await sendFile(join(webDir, 'citizen.html'), 'text/html; charset=utf-8', false)
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', citizenPagePolicy)
      .type(file.type)
      .send(file.body)
  })

  app.get(
    '/assets/:file',
    {
      schema: {
        hide: true,
        params: Type.Object({ file: Type.String({ maxLength: 120 }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const match = assetName.exec(req.params.file)
      if (!match) throw new LiaisonError('not_found', `no file ${req.params.file.slice(0, 120)}`)
      const file = await sendFile(join(webDir, 'assets', req.params.file), types[match[2]!]!, true)
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(file.type)
        .send(file.body)
    },
  )

  app.get('/alert-sw.js', { schema: { hide: true } }, async (_req, reply) => {
    const file = await sendFile(join(webDir, 'alert-sw.js'), types.js!, false)
    return reply.header('cache-control', 'no-cache').type(file.type).send(file.body)
  })

  app.get(
    '/public/v1/registration',
    {
      schema: {
        tags: ['citizens'],
        summary: 'what the citizen page offers: the kinds of address, the VAPID key for Web Push',
        response: { 200: CitizenRegistrationInfo, ...errorResponses(429) },
      },
    },
    async (_req, reply) => {
      pushKey ??= vapidPublicKeyFor(deps.config).catch(() => null)
      const key = await pushKey
      const kinds: ('sms' | 'email' | 'push')[] = []
      if (deps.channels.sms) kinds.push('sms')
      if (deps.channels.email) kinds.push('email')
      if (key) kinds.push('push')
      return reply.header('cache-control', 'no-store').send({
        centre: deps.config.node.name,
        kinds,
        pushKey: key,
        maxPlaces: 5,
        map: { outline: beneluxOutlinePath(), width: mapWidth, height: mapHeight, ...mapFrame },
      })
    },
  )

  app.get(
    '/public/v1/places',
    {
      schema: {
        tags: ['citizens'],
        summary:
          'imported areas whose name or code contains q, accent- and case-blind, by code, with a point in each (a page at a time)',
        querystring: PublicPlaceQuery,
        response: { 200: PublicPlacePage, ...errorResponses(400, 429) },
      },
    },
    async (req, reply) => {
      await withinCitizenLimit(db, `ip:${req.ip}`, citizenLimits.requestsPerIp)
      const limit = Math.min(req.query.limit ?? placeLimit, placeLimit)
      const after = startOf('areas', req.query.after)
      const rows = await pageAreas(db, { query: req.query.q }, { after, limit })
      const page = pageFrom('areas', rows, limit, (r) => ({ key: r.code, id: r.id }))
      return reply.header('cache-control', 'no-store').send({
        items: page.items.map((r) => ({
          code: r.code,
          name: r.name,
          names: r.names,
          level: r.level,
          lon: Math.round(((r.west + r.east) / 2) * 1e5) / 1e5,
          lat: Math.round(((r.south + r.north) / 2) * 1e5) / 1e5,
        })),
        next: page.next,
      })
    },
  )
}
