import type { Alert, AlertEventKind, CapAlert, StoredEvent } from '@liaison/core'
import { capAreasGeoJson } from '@liaison/core'
import type { Insertable, Kysely } from 'kysely'
import type { WorkProcessor } from '../processors/Processor.ts'
import { endPublicAlert, issuedXmlOfAlert, upsertPublicAlert } from '../store/alerts/publicAlertRows.ts'
import type { Database, PublicAlertsTable } from '../store/schema.ts'

/** The name of the public alerts processor's cursor. */
export const publicAlertsProcessorName = 'public-alerts'

const kinds = ['alert.issued', 'alert.updated', 'alert.cancelled', 'alert.expired'] as const

/** CAP's default language, when an info block names none. */
const capDefaultLanguage = 'en-US'

/** The statuses the public may read; System and Draft messages never leave the node. */
const publicStatuses = ['Actual', 'Exercise', 'Test'] as const
const publicMsgTypes = ['Alert', 'Update', 'Cancel'] as const

/** The public copy of an issued alert, or null when it must never be public (not Public scope, …). */
export function publicAlertRowOf(cap: CapAlert, xml: string, at: Date): Insertable<PublicAlertsTable> | null {
  if (cap.scope !== 'Public') return null
  const status = publicStatuses.find((s) => s === cap.status)
  const msgType = publicMsgTypes.find((m) => m === cap.msgType)
  if (status === undefined || msgType === undefined) return null
  const languages = cap.info.map((i) => i.language ?? capDefaultLanguage)
  const headlines: Record<string, string> = {}
  for (const info of cap.info) headlines[info.language ?? capDefaultLanguage] ??= info.headline ?? info.event
  // it expires with its last info block; one without expiry keeps it until it is updated or cancelled
  const expiries = cap.info.map((i) => (i.expires === undefined ? null : Date.parse(i.expires)))
  const expires =
    expiries.length === 0 || expiries.some((e) => e === null || !Number.isFinite(e))
      ? null
      : new Date(Math.max(...expiries.map((e) => e ?? 0)))
  return {
    identifier: cap.identifier,
    sender: cap.sender,
    sent: new Date(cap.sent),
    status,
    msg_type: msgType,
    scope: 'Public',
    xml,
    json: JSON.stringify(cap),
    areas: JSON.stringify(capAreasGeoJson(cap)),
    languages: JSON.stringify([...new Set(languages)]),
    headlines: JSON.stringify(headlines),
    expires,
    updated_at: at,
    current: true,
  }
}

async function handleOne(tx: Kysely<Database>, event: StoredEvent): Promise<void> {
  const body = event.body as { kind: AlertEventKind; alert: Alert }
  const cap = body.alert.cap
  if (event.kind === 'alert.issued') {
    if (cap.scope !== 'Public') return
    const xml = await issuedXmlOfAlert(tx, body.alert.id)
    if (xml === null) return
    const row = publicAlertRowOf(cap, xml, event.at)
    if (row) await upsertPublicAlert(tx, row)
    return
  }
  // updated, cancelled, expired: no longer current (a no-op for an alert that was never public)
  await endPublicAlert(tx, cap.identifier, event.at)
}

/**
 * Writes the public copy of the node's issued Public alerts (decision 034): on `alert.issued` the
 * exact CAP XML issued, its JSON and GeoJSON areas, current; on `alert.updated`, `alert.cancelled`
 * and `alert.expired` no longer current. Restricted and Private alerts are never written. The
 * public listener reads only this table. Its cursor starts at 0, so a node's first start
 * publishes the Public alerts already issued.
 */
export function publicAlertsProcessor(): WorkProcessor {
  return {
    name: publicAlertsProcessorName,
    kinds,
    async handle({ tx, events }) {
      for (const event of events) await handleOne(tx, event)
    },
  }
}
