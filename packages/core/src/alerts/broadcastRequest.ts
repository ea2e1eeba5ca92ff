import type { CapAlert, CapInfo, CapMsgType, CapStatus } from './CapAlert.ts'
import { capAreaGeometry, type CapAreaGeometry } from './capAreaGeometry.ts'
import { euAlertMessageId, type EuAlertRefusal } from './euAlertMessageId.ts'
import { shortTextOf } from './shortText.ts'
import { cellBroadcastMaxPages, cellBroadcastPages, textEncoding, type TextEncoding } from './textLength.ts'
import { parseCapReferences, type CapReference } from './validateCapAlert.ts'
import { err, ok, type Result } from '../result.ts'

/** One language of a broadcast: its EU-Alert message identifier and its pages. */
export interface BroadcastText {
  /** The info block's language (CAP's default `en-US` when it names none). */
  readonly language: string
  /** 4370-4382 for the operator's national language, 4383-4395 for an additional one. */
  readonly messageId: number
  readonly additionalLanguage: boolean
  readonly text: string
  readonly encoding: TextEncoding
  readonly pages: readonly string[]
}

/** What one operator's broadcast centre is asked to do for one CAP message. */
export interface BroadcastRequest {
  readonly identifier: string
  readonly sender: string
  readonly sent: string
  readonly status: CapStatus
  /** `Alert` starts a broadcast, `Update` replaces the referenced one, `Cancel` stops it. */
  readonly msgType: Extract<CapMsgType, 'Alert' | 'Update' | 'Cancel'>
  /** For an Update or a Cancel: the earlier broadcasts it replaces or stops, oldest first. */
  readonly references: readonly CapReference[]
  /** One per info block, the national language first; empty for a Cancel without text. */
  readonly texts: readonly BroadcastText[]
  /** The polygons and circles of the message's areas, each area once. */
  readonly areas: readonly CapAreaGeometry[]
  readonly expires?: string
}

export type BroadcastRefusal =
  | EuAlertRefusal
  /** Restricted and Private messages are not for the whole population of an area. */
  | 'not_public'
  /** Ack and Error are answers between systems, never broadcast. */
  | 'not_broadcast_msg_type'
  /** An Update or a Cancel must name the broadcast it replaces or stops. */
  | 'no_reference'
  /** An info block has neither a short text nor a headline to broadcast. */
  | 'no_text'
  /** A text takes more than the fifteen pages a cell-broadcast message may have. */
  | 'text_too_long'
  /** No area has a polygon or circle (a geocode alone names no cells). */
  | 'no_area_geometry'
  /** Two info blocks share a language: a phone could show only one. */
  | 'duplicate_language'

export interface BroadcastOperatorLanguages {
  /**
   * The operator's national languages in order (`nl`, or `fr`, `nl`, `de`): the first info
   * block written in one of them takes the national identifier; every other block the
   * additional-language twin. When none matches, the first info block is the national one.
   */
  readonly nationalLanguages: readonly string[]
}

const defaultLanguage = 'en-US'

/**
 * The broadcast request for one operator: the EU-Alert message identifier of each language
 * (ETSI TS 102 900: the level from status, severity, urgency and certainty; the twin from 4383
 * for an additional language), the pages of each text (the `shortText` parameter, else the
 * headline), and the area. Update and Cancel name the broadcasts they replace or stop.
 */
export function broadcastRequest(
  alert: CapAlert,
  operator: BroadcastOperatorLanguages,
): Result<BroadcastRequest, BroadcastRefusal> {
  if (alert.scope !== 'Public') return err('not_public')
  if (alert.msgType !== 'Alert' && alert.msgType !== 'Update' && alert.msgType !== 'Cancel')
    return err('not_broadcast_msg_type')
  if (alert.status === 'Draft' || alert.status === 'System') return err('not_broadcast_status')
  const references = alert.references === undefined ? [] : (parseCapReferences(alert.references) ?? [])
  if (alert.msgType !== 'Alert' && references.length === 0) return err('no_reference')

  const primary = primarySubtag
  const languages = alert.info.map((info) => info.language ?? defaultLanguage)
  if (new Set(languages.map((l) => l.toLowerCase())).size !== languages.length)
    return err('duplicate_language')
  const wanted = operator.nationalLanguages.map(primary)
  let nationalIndex = alert.info.findIndex((info) =>
    wanted.includes(primary(info.language ?? defaultLanguage)),
  )
  if (nationalIndex < 0) nationalIndex = 0
  const order = alert.info
    .map((_, i) => i)
    .sort((a, b) => Number(b === nationalIndex) - Number(a === nationalIndex))

  const texts: BroadcastText[] = []
  for (const index of order) {
    const info = alert.info[index] as CapInfo
    const text = textOf(info)
    if (text === '') return err('no_text')
    const additionalLanguage = index !== nationalIndex
    const messageId = euAlertMessageId({
      status: alert.status,
      severity: info.severity,
      urgency: info.urgency,
      certainty: info.certainty,
      additionalLanguage,
    })
    if (!messageId.ok) return messageId
    const encoding = textEncoding(text)
    const pages = cellBroadcastPages(text)
    if (pages.length > cellBroadcastMaxPages) return err('text_too_long')
    texts.push({
      language: languages[index] as string,
      messageId: messageId.value,
      additionalLanguage,
      text,
      encoding,
      pages,
    })
  }

  const areas: CapAreaGeometry[] = []
  const seen = new Set<string>()
  for (const info of alert.info)
    for (const area of info.area) {
      const key = JSON.stringify([area.polygon, area.circle])
      if (seen.has(key)) continue
      seen.add(key)
      const geometry = capAreaGeometry(area)
      if (geometry.polygons !== null || geometry.circles.length > 0) areas.push(geometry)
    }
  if (areas.length === 0 && alert.msgType !== 'Cancel') return err('no_area_geometry')

  const expires = alert.info.map((info) => info.expires).find((e) => e !== undefined)
  return ok({
    identifier: alert.identifier,
    sender: alert.sender,
    sent: alert.sent,
    status: alert.status,
    msgType: alert.msgType,
    references,
    texts,
    areas,
    ...(expires === undefined ? {} : { expires }),
  })
}

function textOf(info: CapInfo): string {
  const short = shortTextOf(info).trim()
  return short !== '' ? short : (info.headline ?? '').trim()
}

function primarySubtag(language: string): string {
  return (language.split('-')[0] ?? '').toLowerCase()
}

/**
 * The CAP `parameter` names a broadcast request travels in, in each info block of the CAP
 * document sent to a broadcast centre (decision 041): the message identifier once, the pages in
 * order (one parameter each), and the encoding they were counted in.
 */
export const broadcastCapParameters = {
  messageIdentifier: 'cellBroadcastMessageIdentifier',
  page: 'cellBroadcastPage',
  encoding: 'cellBroadcastEncoding',
} as const
