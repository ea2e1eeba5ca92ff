import type { MultiPolygonCoordinates } from '../geometry/combineAreas.ts'
import type { AlertProposal, AlertProposalAnswer, AlertProposalInfo } from './AlertProposal.ts'
import { alertProposalRelations, alertProposalStates } from './AlertProposal.ts'
import { capCategories, capCertainties, capSeverities, capUrgencies } from './CapAlert.ts'
import { issuableStatuses } from './alertLifecycle.ts'

type Json = Readonly<Record<string, unknown>>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const id = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200
const text = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max
const optionalText = (v: unknown): v is string | null => v === null || text(v)
const time = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(new Date(v).getTime())
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.some((x) => x === v)

/** The most polygons and positions a received proposal's area may hold. */
const maxPolygons = 200
const maxPositions = 50_000

function areaOf(v: unknown): MultiPolygonCoordinates | null {
  if (!Array.isArray(v) || v.length > maxPolygons) return null
  let positions = 0
  for (const polygon of v as unknown[]) {
    if (!Array.isArray(polygon) || polygon.length === 0) return null
    for (const ring of polygon as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) return null
      positions += ring.length
      if (positions > maxPositions) return null
      for (const p of ring as unknown[]) {
        if (!Array.isArray(p) || p.length !== 2) return null
        const [lon, lat] = p as unknown[]
        if (typeof lon !== 'number' || typeof lat !== 'number') return null
        if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return null
      }
    }
  }
  return v as MultiPolygonCoordinates
}

function infoOf(v: unknown): AlertProposalInfo | null {
  if (!isObject(v)) return null
  const { language, category, event, urgency, severity, certainty } = v
  if (!id(language) || !id(event)) return null
  if (!Array.isArray(category) || category.length === 0 || !category.every((c) => oneOf(capCategories, c)))
    return null
  if (!oneOf(capUrgencies, urgency) || !oneOf(capSeverities, severity) || !oneOf(capCertainties, certainty))
    return null
  for (const f of ['headline', 'description', 'instruction'] as const) if (!optionalText(v[f])) return null
  for (const f of ['onset', 'expires'] as const) if (v[f] !== null && !time(v[f])) return null
  return {
    language,
    category,
    event,
    urgency,
    severity,
    certainty,
    headline: v['headline'] as string | null,
    description: v['description'] as string | null,
    instruction: v['instruction'] as string | null,
    onset: v['onset'] as string | null,
    expires: v['expires'] as string | null,
  }
}

/**
 * A proposal received from a peer, read defensively (every field checked, limits on the area), or
 * the name of the first field that is not as it should be. Never throws.
 */
export function readAlertProposal(v: unknown): AlertProposal | string {
  if (!isObject(v)) return 'proposal'
  for (const f of [
    'id',
    'origin',
    'senderOrgId',
    'alertId',
    'identifier',
    'sender',
    'toNode',
    'toCountry',
  ] as const)
    if (!id(v[f])) return `proposal.${f}`
  if (!oneOf(issuableStatuses, v['status'])) return 'proposal.status'
  if (v['alertState'] !== 'submitted' && v['alertState'] !== 'issued') return 'proposal.alertState'
  if (!oneOf(alertProposalRelations, v['relation'])) return 'proposal.relation'
  const km = v['km']
  if (typeof km !== 'number' || !(km >= 0 && km <= 1000)) return 'proposal.km'
  if (!text(v['areaDesc'], 2000)) return 'proposal.areaDesc'
  const area = areaOf(v['area'])
  if (area === null || area.length === 0) return 'proposal.area'
  const list = v['info']
  if (!Array.isArray(list) || list.length === 0 || list.length > 10) return 'proposal.info'
  const info = list.map(infoOf)
  if (info.some((i) => i === null)) return 'proposal.info'
  if (!time(v['proposedAt'])) return 'proposal.proposedAt'
  return {
    id: v['id'] as string,
    origin: v['origin'] as string,
    senderOrgId: v['senderOrgId'] as string,
    alertId: v['alertId'] as string,
    identifier: v['identifier'] as string,
    sender: v['sender'] as string,
    toNode: v['toNode'] as string,
    toCountry: v['toCountry'] as string,
    status: v['status'],
    alertState: v['alertState'],
    relation: v['relation'],
    km,
    areaDesc: v['areaDesc'],
    area,
    info: info as AlertProposalInfo[],
    proposedAt: v['proposedAt'],
  }
}

/** An answer received from a peer, read defensively, or the first field that is not as it should be. */
export function readAlertProposalAnswer(v: unknown): AlertProposalAnswer | string {
  if (!isObject(v)) return 'answer'
  for (const f of ['proposalId', 'origin', 'node', 'orgId'] as const) if (!id(v[f])) return `answer.${f}`
  const state = v['state']
  if (state === 'proposed' || !oneOf(alertProposalStates, state)) return 'answer.state'
  if (v['reason'] !== null && !text(v['reason'], 2000)) return 'answer.reason'
  if (!text(v['byName'], 200)) return 'answer.byName'
  if (!time(v['at'])) return 'answer.at'
  return {
    proposalId: v['proposalId'] as string,
    origin: v['origin'] as string,
    node: v['node'] as string,
    state: state as AlertProposalAnswer['state'],
    reason: v['reason'],
    orgId: v['orgId'] as string,
    byName: v['byName'],
    at: v['at'],
  }
}
