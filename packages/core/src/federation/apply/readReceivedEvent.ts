import type { AlertProposal, AlertProposalAnswer } from '../../alerts/AlertProposal.ts'
import { readAlertProposal, readAlertProposalAnswer } from '../../alerts/readAlertProposal.ts'
import { distributionProblem } from '../../sharing/Distribution.ts'
import type { Distribution } from '../../sharing/Distribution.ts'
import { eventStatuses } from '../../sharing/EventStatus.ts'
import type { EventStatus } from '../../sharing/EventStatus.ts'
import { tlpLevels } from '../../sharing/Tlp.ts'
import type { Tlp } from '../../sharing/Tlp.ts'
import type { PublishedOrganisation } from '../keys/nodeItems.ts'
import type { ItemReceipt, ReceivedItemKind } from './ItemReceipt.ts'
import { isReceivedItemKind, receiptStates } from './ItemReceipt.ts'

/** The envelope of an event received from another node, as its origin signed it. */
export interface ReceivedEnvelope {
  readonly id: string
  readonly at: Date
  readonly kind: string
  readonly subject: string
  readonly origin: string
  readonly orgId: string
  readonly status: EventStatus
  readonly tlp: Tlp
  readonly distribution: Distribution
}

/** What applying a received event does to this node's read models of received items. */
export type ReceivedChange =
  | {
      readonly kind: 'upsert'
      readonly itemKind: ReceivedItemKind
      readonly id: string
      /** The origin's case it belongs to (the case itself for a case); null outside a case. */
      readonly caseId: string | null
      readonly title: string
      /** The item as its origin wrote it (JSON). */
      readonly item: Readonly<Record<string, unknown>>
      /** A log entry that corrects an earlier one names it. */
      readonly supersedes: string | null
    }
  | { readonly kind: 'remove'; readonly itemKind: ReceivedItemKind; readonly id: string }
  | { readonly kind: 'receipts'; readonly receipts: readonly ItemReceipt[] }
  /** An alert a neighbour proposes to this node's centre (decision 042). */
  | { readonly kind: 'alert-proposal'; readonly proposal: AlertProposal }
  /** A neighbour's answer to a proposal of this node. */
  | { readonly kind: 'alert-proposal-answer'; readonly answer: AlertProposalAnswer }
  /** The origin's new key, announced signed by its previous one (checked when applied). */
  | { readonly kind: 'key-announcement'; readonly announcement: Readonly<Record<string, unknown>> }
  /** The origin's organisations as they now are: its copy here is replaced. */
  | { readonly kind: 'organisations'; readonly organisations: readonly PublishedOrganisation[] }

/** Why a received event is kept in the inbox but changes nothing (counted, never a crash). */
export type ReceivedSkip = 'malformed_envelope' | 'unknown_kind' | 'malformed_body'

export type ReadReceived =
  | { readonly ok: true; readonly envelope: ReceivedEnvelope; readonly change: ReceivedChange }
  | { readonly ok: false; readonly skip: ReceivedSkip; readonly detail: string }

const titleLength = 200

type Json = Readonly<Record<string, unknown>>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 10_000
const shortText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200
const time = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null
  const at = new Date(v)
  return Number.isNaN(at.getTime()) ? null : at
}
const line = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > titleLength ? `${one.slice(0, titleLength - 1)}…` : one
}

function envelopeOf(event: Json): ReceivedEnvelope | string {
  const at = time(event['at'])
  if (!shortText(event['id'])) return 'id'
  if (!at) return 'at'
  if (!shortText(event['kind'])) return 'kind'
  if (!shortText(event['subject'])) return 'subject'
  if (!shortText(event['origin'])) return 'origin'
  if (!shortText(event['orgId'])) return 'orgId'
  const status = event['status']
  if (!eventStatuses.some((s) => s === status)) return 'status'
  const tlp = event['tlp']
  if (!tlpLevels.some((t) => t === tlp)) return 'tlp'
  if (distributionProblem(event['distribution']) !== null) return 'distribution'
  return {
    id: event['id'],
    at,
    kind: event['kind'],
    subject: event['subject'],
    origin: event['origin'],
    orgId: event['orgId'],
    status: status as EventStatus,
    tlp: tlp as Tlp,
    distribution: event['distribution'] as Distribution,
  }
}

function receiptOf(v: unknown): ItemReceipt | null {
  if (!isObject(v)) return null
  const { itemId, itemKind, state, at, orgId, byName } = v
  if (!shortText(itemId) || !isReceivedItemKind(itemKind)) return null
  if (!receiptStates.some((s) => s === state) || time(at) === null) return null
  if (orgId !== null && !shortText(orgId)) return null
  if (byName !== null && !shortText(byName)) return null
  return {
    itemId,
    itemKind,
    state: state as ItemReceipt['state'],
    at: at as string,
    orgId: orgId,
    byName: byName,
  }
}

/** The change a body makes, or the field that is not as its kind says. */
function changeOf(kind: string, body: Json): ReceivedChange | { readonly bad: string } | null {
  switch (kind) {
    case 'case.opened':
    case 'case.updated': {
      const c = body['case']
      if (!isObject(c) || !shortText(c['id']) || !shortText(c['title'])) return { bad: 'case' }
      if (!Array.isArray(c['participants']) || !c['participants'].every(shortText))
        return { bad: 'case.participants' }
      return {
        kind: 'upsert',
        itemKind: 'case',
        id: c['id'],
        caseId: c['id'],
        title: line(c['title']),
        item: c,
        supersedes: null,
      }
    }
    case 'log-entry.appended': {
      const e = body['entry']
      if (!isObject(e) || !shortText(e['id']) || !text(e['text'])) return { bad: 'entry' }
      const caseId = e['caseId']
      const supersedes = e['supersedes']
      if (caseId !== null && !shortText(caseId)) return { bad: 'entry.caseId' }
      if (supersedes !== null && !shortText(supersedes)) return { bad: 'entry.supersedes' }
      return {
        kind: 'upsert',
        itemKind: 'log-entry',
        id: e['id'],
        caseId,
        title: line(e['text']),
        item: e,
        supersedes,
      }
    }
    case 'task.created':
    case 'task.updated': {
      const t = body['task']
      if (!isObject(t) || !shortText(t['id']) || !shortText(t['caseId']) || !shortText(t['title']))
        return { bad: 'task' }
      return {
        kind: 'upsert',
        itemKind: 'task',
        id: t['id'],
        caseId: t['caseId'],
        title: line(t['title']),
        item: t,
        supersedes: null,
      }
    }
    case 'decision.recorded': {
      const d = body['decision']
      if (!isObject(d) || !shortText(d['id']) || !shortText(d['caseId']) || !text(d['text']))
        return { bad: 'decision' }
      return {
        kind: 'upsert',
        itemKind: 'decision',
        id: d['id'],
        caseId: d['caseId'],
        title: line(d['text']),
        item: d,
        supersedes: null,
      }
    }
    case 'sitrep.approved': {
      const r = body['sitrep']
      if (!isObject(r) || !shortText(r['id']) || !shortText(r['caseId'])) return { bad: 'sitrep' }
      const number = r['number']
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 1)
        return { bad: 'sitrep.number' }
      if (r['state'] !== 'approved') return { bad: 'sitrep.state' }
      return {
        kind: 'upsert',
        itemKind: 'sitrep',
        id: r['id'],
        caseId: r['caseId'],
        // the number is the title: each language words it ("SITREP 3", "Rapport de situation 3")
        title: `SITREP ${number}`,
        item: r,
        supersedes: null,
      }
    }
    case 'map-feature.saved': {
      const f = body['feature']
      if (!isObject(f) || !shortText(f['id']) || !shortText(f['caseId']) || !isObject(f['geometry']))
        return { bad: 'feature' }
      const label = typeof f['label'] === 'string' && f['label'].trim() ? f['label'] : String(f['kind'])
      return {
        kind: 'upsert',
        itemKind: 'map-feature',
        id: f['id'],
        caseId: f['caseId'],
        title: line(label),
        item: f,
        supersedes: null,
      }
    }
    case 'map-feature.removed': {
      const id = body['featureId']
      if (!shortText(id)) return { bad: 'featureId' }
      return { kind: 'remove', itemKind: 'map-feature', id }
    }
    case 'receipt.recorded': {
      const list = body['receipts']
      if (!Array.isArray(list) || list.length === 0 || list.length > 1000) return { bad: 'receipts' }
      const receipts = list.map(receiptOf)
      if (receipts.some((r) => r === null)) return { bad: 'receipts' }
      return { kind: 'receipts', receipts: receipts as ItemReceipt[] }
    }
    case 'alert-proposal.sent': {
      const proposal = readAlertProposal(body['proposal'])
      if (typeof proposal === 'string') return { bad: proposal }
      return { kind: 'alert-proposal', proposal }
    }
    case 'alert-proposal.answered': {
      const answer = readAlertProposalAnswer(body['answer'])
      if (typeof answer === 'string') return { bad: answer }
      return { kind: 'alert-proposal-answer', answer }
    }
    case 'node.key-rotated': {
      const a = body['announcement']
      if (!isObject(a)) return { bad: 'announcement' }
      return { kind: 'key-announcement', announcement: a }
    }
    case 'node.organisations-published': {
      const list = body['organisations']
      if (!Array.isArray(list) || list.length > 1000) return { bad: 'organisations' }
      const organisations = list.map(publishedOrganisationOf)
      if (organisations.some((o) => o === null)) return { bad: 'organisations' }
      return { kind: 'organisations', organisations: organisations as PublishedOrganisation[] }
    }
    default:
      return null
  }
}

const countryPattern = /^[A-Z]{2}$/
const languagePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/

function publishedOrganisationOf(v: unknown): PublishedOrganisation | null {
  if (!isObject(v)) return null
  const { id, code, name, kind, country, languages, version } = v
  if (!shortText(id) || !shortText(code) || !shortText(name)) return null
  if (kind !== 'centre' && kind !== 'partner') return null
  if (typeof country !== 'string' || !countryPattern.test(country)) return null
  if (!Array.isArray(languages) || languages.length > 20) return null
  if (!languages.every((l) => typeof l === 'string' && languagePattern.test(l))) return null
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return null
  return { id, code, name, kind, country, languages: languages as string[], version }
}

/**
 * What an event received from a peer (already verified: its origin's signature, the chain, the
 * policy) changes here, read defensively: every field the change uses is checked, so that no
 * shape makes the processor throw. Cases (opened, updated, closed by an update), log entries (a
 * correction names the entry it supersedes), tasks, decisions, approved situation reports (a
 * later approved version replaces the earlier), map features (saved, removed) and receipts are
 * applied, and alert proposals and their answers (decision 042); any other kind, and anything
 * not of its kind's shape, is skipped with its reason.
 */
export function readReceivedEvent(event: unknown): ReadReceived {
  if (!isObject(event)) return { ok: false, skip: 'malformed_envelope', detail: 'not an object' }
  const envelope = envelopeOf(event)
  if (typeof envelope === 'string') return { ok: false, skip: 'malformed_envelope', detail: envelope }
  const body = event['body']
  if (!isObject(body) || body['kind'] !== envelope.kind)
    return { ok: false, skip: 'malformed_body', detail: 'body.kind' }
  const change = changeOf(envelope.kind, body)
  if (change === null) return { ok: false, skip: 'unknown_kind', detail: envelope.kind }
  if ('bad' in change) return { ok: false, skip: 'malformed_body', detail: `body.${change.bad}` }
  return { ok: true, envelope, change }
}
