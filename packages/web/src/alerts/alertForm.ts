import type {
  AlertChannel,
  AlertLanguage,
  CapCategory,
  CapCertainty,
  CapSeverity,
  CapUrgency,
  IssuableStatus,
} from '@liaison/core'
import {
  alertLanguages,
  cellBroadcastLength,
  shortTextOf,
  shortTextParameter,
  smsLength,
  unsubscribeLines,
} from '@liaison/core'
import type { AlertContent, AreaCheck, CapInfo, CapMessage } from '../api/alertsApi.ts'

/** One language's texts as the composer edits them. */
export interface LanguageTexts {
  readonly language: AlertLanguage
  readonly headline: string
  /** For SMS and cell broadcast. */
  readonly shortText: string
  readonly description: string
  readonly instruction: string
}

/** The drawn or chosen area: one polygon ("lat, lon" lines), one circle, shipped areas' codes. */
export interface AreaDraft {
  readonly desc: string
  readonly vertices: string
  readonly circleLat: string
  readonly circleLon: string
  readonly circleKm: string
  readonly codes: readonly string[]
}

/** What the composer holds; the status has no default (''), nor do urgency, severity and certainty. */
export interface AlertForm {
  readonly status: IssuableStatus | ''
  readonly sender: string
  readonly event: string
  readonly category: readonly CapCategory[]
  readonly urgency: CapUrgency | ''
  readonly severity: CapSeverity | ''
  readonly certainty: CapCertainty | ''
  readonly channels: readonly AlertChannel[]
  readonly texts: readonly LanguageTexts[]
  readonly area: AreaDraft
}

export const emptyTexts = (language: AlertLanguage): LanguageTexts => ({
  language,
  headline: '',
  shortText: '',
  description: '',
  instruction: '',
})

export const emptyArea: AreaDraft = {
  desc: '',
  vertices: '',
  circleLat: '',
  circleLon: '',
  circleKm: '',
  codes: [],
}

/** A new alert: nothing chosen but the sender and a first language. */
export function newAlertForm(sender: string, language: AlertLanguage): AlertForm {
  return {
    status: '',
    sender,
    event: '',
    category: [],
    urgency: '',
    severity: '',
    certainty: '',
    channels: [],
    texts: [emptyTexts(language)],
    area: emptyArea,
  }
}

/** The languages not yet in the alert, in the order offered. */
export const languagesLeft = (form: AlertForm): AlertLanguage[] =>
  alertLanguages.filter((l) => !form.texts.some((t) => t.language === l))

const number = (text: string): number => Number(text.trim().replace(',', '.'))

type Position = readonly [number, number]

/** The "lat, lon" lines of the vertices as [lon, lat], or the first bad line (1-based). */
export function readVertices(
  text: string,
): { ok: true; positions: Position[] } | { ok: false; line: number } {
  const positions: Position[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    const parts = line.split(/\s*[;,]\s*|\s+/).filter((p) => p !== '')
    const [lat, lon] = parts.length === 2 ? parts.map(Number) : [Number.NaN, Number.NaN]
    if (
      lat === undefined ||
      lon === undefined ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon) ||
      Math.abs(lat) > 90 ||
      Math.abs(lon) > 180
    )
      return { ok: false, line: i + 1 }
    positions.push([lon, lat])
  }
  return { ok: true, positions }
}

/** The ring of the polygon, closed (the first vertex repeated at the end), or null when none is drawn. */
export function ringOf(area: AreaDraft): Position[] | null {
  const read = readVertices(area.vertices)
  if (!read.ok || read.positions.length === 0) return null
  const ring = [...read.positions]
  const first = ring[0]!
  const last = ring[ring.length - 1]!
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first)
  return ring
}

/** The circle, or null when its three fields are not all filled in with numbers. */
export function circleOf(area: AreaDraft): { centre: Position; radiusKm: number } | null {
  const [lat, lon, km] = [number(area.circleLat), number(area.circleLon), number(area.circleKm)]
  if ([area.circleLat, area.circleLon, area.circleKm].some((t) => t.trim() === '')) return null
  if (![lat, lon, km].every(Number.isFinite)) return null
  return { centre: [lon, lat], radiusKm: km }
}

/** What POST /api/v1/areas/check is asked about the area (null: nothing drawn or chosen yet). */
export function areaCheckOf(area: AreaDraft): AreaCheck | null {
  const ring = ringOf(area)
  const circle = circleOf(area)
  if (!ring && !circle && area.codes.length === 0) return null
  return {
    ...(ring ? { polygons: [ring.map(([lon, lat]) => [lon, lat] as [number, number])] } : {}),
    ...(circle
      ? {
          circles: [
            { centre: [circle.centre[0], circle.centre[1]] as [number, number], radiusKm: circle.radiusKm },
          ],
        }
      : {}),
    ...(area.codes.length > 0 ? { codes: [...area.codes] } : {}),
  }
}

/** The CAP area of the draft: polygon as "lat,lon" pairs, circle as "lat,lon radius", codes as ISO 3166-2 geocodes. */
export function capAreaOf(area: AreaDraft): CapInfo['area'] {
  const ring = ringOf(area)
  const circle = circleOf(area)
  if (!ring && !circle && area.codes.length === 0 && area.desc.trim() === '') return []
  return [
    {
      areaDesc: area.desc.trim(),
      polygon: ring ? [ring.map(([lon, lat]) => `${lat},${lon}`).join(' ')] : [],
      circle: circle ? [`${circle.centre[1]},${circle.centre[0]} ${circle.radiusKm}`] : [],
      geocode: area.codes.map((value) => ({ valueName: 'ISO 3166-2', value })),
    },
  ]
}

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim())

/**
 * The content sent to the node: one CAP info block per language, each with the shared event,
 * category, urgency, severity, certainty and area; the short text as a parameter. The status
 * must have been chosen (the caller checks `formProblems` first).
 */
export function contentOf(form: AlertForm, base?: CapMessage): AlertContent {
  const area = capAreaOf(form.area)
  const info = form.texts.map((texts, i): CapInfo => {
    const kept = base?.info[i]
    const parameter = (kept?.parameter ?? []).filter((p) => p.valueName !== shortTextParameter)
    const short = texts.shortText.trim()
    return {
      ...(kept ?? {}),
      language: texts.language,
      category: [...form.category],
      event: form.event.trim(),
      responseType: kept?.responseType ?? [],
      urgency: form.urgency || 'Unknown',
      severity: form.severity || 'Unknown',
      certainty: form.certainty || 'Unknown',
      eventCode: kept?.eventCode ?? [],
      headline: optional(texts.headline),
      description: optional(texts.description),
      instruction: optional(texts.instruction),
      parameter: short === '' ? parameter : [...parameter, { valueName: shortTextParameter, value: short }],
      resource: kept?.resource ?? [],
      area,
    }
  })
  return {
    status: form.status === '' ? 'Actual' : form.status,
    sender: form.sender.trim(),
    scope: base?.scope ?? 'Public',
    ...(base?.restriction !== undefined ? { restriction: base.restriction } : {}),
    ...(base?.addresses !== undefined ? { addresses: base.addresses } : {}),
    ...(base?.note !== undefined ? { note: base.note } : {}),
    ...(base?.incidents !== undefined ? { incidents: base.incidents } : {}),
    info,
    channels: [...form.channels],
  }
}

const isLanguage = (tag: string | undefined): tag is AlertLanguage =>
  alertLanguages.some((l) => l === tag?.slice(0, 2).toLowerCase())

/** "lat,lon lat,lon …" (a CAP polygon) as "lat, lon" lines, the closing repeat dropped. */
function verticesOfPolygon(polygon: string): string {
  const pairs = polygon.trim().split(/\s+/)
  if (pairs.length > 1 && pairs[0] === pairs[pairs.length - 1]) pairs.pop()
  return pairs.map((p) => p.replace(',', ', ')).join('\n')
}

/** The composer's form for an alert already saved (editing a draft, a returned alert or a correction). */
export function formOf(cap: CapMessage, channels: readonly AlertChannel[]): AlertForm {
  const first = cap.info[0]
  const area = first?.area[0]
  const circle = area?.circle[0]?.trim().split(/[\s,]+/) ?? []
  return {
    status: cap.status === 'Actual' || cap.status === 'Exercise' || cap.status === 'Test' ? cap.status : '',
    sender: cap.sender,
    event: first?.event ?? '',
    category: first?.category ?? [],
    urgency: first?.urgency ?? '',
    severity: first?.severity ?? '',
    certainty: first?.certainty ?? '',
    channels: [...channels],
    texts: cap.info.map((info) => ({
      language: isLanguage(info.language) ? (info.language.slice(0, 2).toLowerCase() as AlertLanguage) : 'en',
      headline: info.headline ?? '',
      shortText: shortTextOf(info),
      description: info.description ?? '',
      instruction: info.instruction ?? '',
    })),
    area: {
      desc: area?.areaDesc ?? '',
      vertices: area?.polygon[0] ? verticesOfPolygon(area.polygon[0]) : '',
      circleLat: circle[0] ?? '',
      circleLon: circle[1] ?? '',
      circleKm: circle[2] ?? '',
      codes: area?.geocode.filter((g) => g.valueName === 'ISO 3166-2').map((g) => g.value) ?? [],
    },
  }
}

/** The form's own problems, by field, before anything is sent: the node checks the CAP rules on submit. */
export type FormProblem =
  'status' | 'event' | 'category' | 'urgency' | 'severity' | 'certainty' | 'vertices' | 'circle'

export function formProblems(form: AlertForm): FormProblem[] {
  const problems: FormProblem[] = []
  if (form.status === '') problems.push('status')
  if (form.event.trim() === '') problems.push('event')
  if (form.category.length === 0) problems.push('category')
  if (form.urgency === '') problems.push('urgency')
  if (form.severity === '') problems.push('severity')
  if (form.certainty === '') problems.push('certainty')
  if (!readVertices(form.area.vertices).ok) problems.push('vertices')
  const circleFields = [form.area.circleLat, form.area.circleLon, form.area.circleKm]
  if (circleFields.some((t) => t.trim() !== '') && circleOf(form.area) === null) problems.push('circle')
  return problems
}

/** The counters under a short text: SMS parts (with the unsubscribe line) and cell-broadcast pages. */
export function shortTextCounts(texts: Pick<LanguageTexts, 'language' | 'shortText'>) {
  return {
    sms: smsLength(texts.shortText, unsubscribeLines[texts.language]),
    cellBroadcast: cellBroadcastLength(texts.shortText),
  }
}
