import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Permission } from '@liaison/core'
import { effectivePermissions } from '@liaison/core'
import { addOrganisation } from '@liaison/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { makeUser, signIn, signedInAs, testPassword } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

/**
 * The access matrix: every operation of the node's OpenAPI document against every principal.
 * Each route's rule is declared once, below; a route of the document without a rule, or a rule
 * for a route that is gone, fails the tier.
 */

const principalNames = [
  'anonymous',
  'viewer',
  'partner',
  'duty officer',
  'crisis manager',
  'administrator',
  'partner administrator',
  'read-only token',
] as const
type PrincipalName = (typeof principalNames)[number]

/** The fixture's identifiers, filled in once the node runs. */
interface Fixture {
  readonly caseId: string
  readonly entryId: string
  readonly attachmentId: string
  readonly taskId: string
  readonly sitrepId: string
  readonly featureId: string
  readonly contactId: string
  readonly planId: string
  readonly planDocumentId: string
  readonly feedId: string
  readonly handoverId: string
  readonly alertId: string
  readonly templateId: string
  readonly userId: string
  readonly tokenId: string
  readonly capSourceId: string
  readonly centreMembers: readonly string[]
  readonly signInUser: string
}

interface Rule {
  /**
   * What the caller must hold: `public` (anyone, signed in or not), `person` (any signed-in
   * person), or permissions (any one of them).
   */
  readonly access: 'public' | 'person' | Permission | readonly Permission[]
  /**
   * Served by address (`metrics.allow`) or to the metrics token: any other bearer token is a
   * wrong metrics token (401), whatever it may do elsewhere.
   */
  readonly metricsToken?: true
  /**
   * Public, but authenticated by the request's HTTP Message Signature (RFC 9421) by a peer node's
   * key: no principal carries one, so every one is refused (401, unknown_peer).
   */
  readonly peerSigned?: true
  /** The route works on the centre's data: principals of a partner organisation are refused (403). */
  readonly centreData?: true
  /** Only a person does this: an API token is refused (403) even with the permission. */
  readonly personOnly?: true
  /** The request ends the caller's session: each principal sends it with a session of its own. */
  readonly endsSession?: true
  /** A live stream: only its status is read. */
  readonly stream?: true
  /** The request carries a file (PDF) instead of JSON. */
  readonly upload?: true
  /** The request carries an XML document (application/xml) instead of JSON. */
  readonly xml?: () => string
  readonly body?: (f: Fixture, who: PrincipalName) => object
  readonly query?: (f: Fixture) => string
}

const unique = () => randomBytes(3).toString('hex')
/** An alert's content as an author writes it (wire AlertContentBody). */
const alertContent = {
  status: 'Exercise',
  sender: 'alert@nccn.be',
  scope: 'Public',
  channels: ['feed'],
  info: [
    {
      language: 'fr-BE',
      category: ['Met'],
      event: 'Crue',
      responseType: ['Monitor'],
      urgency: 'Expected',
      severity: 'Moderate',
      certainty: 'Likely',
      eventCode: [],
      parameter: [],
      resource: [],
      area: [{ areaDesc: 'Senne', polygon: [], circle: ['50.85,4.35 2'], geocode: [] }],
    },
  ],
}
const point = { type: 'Point', coordinates: [4.35, 50.85] }
/** Another system's EDXL-DE/EMSI message, as `POST /api/v1/cases/import-edxl` takes it. */
const edxlSample = readFileSync(
  new URL('../../packages/formats/src/edxl/examples/samu-69-emsi-update.xml', import.meta.url),
  'utf8',
)
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')

/** Every operation of the OpenAPI document, as `METHOD /path/{param}`, and its rule. */
const rules: Record<string, Rule> = {
  'GET /health': { access: 'public' },
  'GET /ready': { access: 'public' },
  'GET /metrics': { access: 'public', metricsToken: true },
  'GET /api/v1/node': { access: 'public' },
  'GET /federation/v1/node': { access: 'public' },
  'POST /federation/v1/stream': {
    access: 'public',
    peerSigned: true,
    body: () => ({ protocol: 1, from: 'nl', to: 'be', entries: [] }),
  },
  'GET /federation/v1/stream': { access: 'public', peerSigned: true, query: () => 'after=0' },
  'GET /api/v1/federation/peers': { access: ['users.manage', 'cases.manage'], centreData: true },
  // no such peer here: an allowed principal gets 404 (peer_unknown), changing nothing
  'POST /api/v1/federation/peers/{nodeId}/take-key': {
    access: 'users.manage',
    centreData: true,
    body: () => ({ keyId: '0123456789abcdef' }),
  },
  // what partners sent: each organisation reads what its audience names (nothing here: 404 or empty)
  'GET /api/v1/federation/incoming': { access: 'read' },
  'GET /api/v1/federation/incoming/map': { access: 'read' },
  'GET /api/v1/federation/incoming/{origin}/cases/{id}': { access: 'read' },
  'GET /api/v1/federation/incoming/{origin}/cases/{id}/items': { access: 'read' },
  'POST /api/v1/federation/acknowledgements': {
    access: 'cases.manage',
    body: (f) => ({ origin: 'nl', kind: 'case', id: f.caseId }),
  },
  'GET /api/v1/cases/{id}/receipts': { access: 'read', centreData: true },
  // alert proposals from neighbours: each organisation reads those addressed to it (none here: 404 or empty)
  'GET /api/v1/alert-proposals': { access: 'read' },
  'GET /api/v1/alert-proposals/{origin}/{id}': { access: 'read' },
  // noting needs cases.manage or alerts.draft; the proposal is unknown here (404)
  'POST /api/v1/alert-proposals/{origin}/{id}/answer': {
    access: ['cases.manage', 'alerts.draft'],
    body: () => ({ answer: 'note' }),
  },
  'GET /api/v1/alerts/{id}/proposals': { access: 'read', centreData: true },
  'POST /api/v1/session': {
    access: 'public',
    body: (f) => ({ username: f.signInUser, password: testPassword }),
  },
  'DELETE /api/v1/session': { access: 'person', personOnly: true, endsSession: true },
  'GET /api/v1/me': { access: 'person', personOnly: true },
  'POST /api/v1/session/sign-out-everywhere': {
    access: 'read',
    personOnly: true,
    endsSession: true,
  },
  'POST /api/v1/me/password': {
    access: 'read',
    personOnly: true,
    body: () => ({ currentPassword: 'not the current one', newPassword: 'a brand new passphrase' }),
  },
  'POST /api/v1/me/totp/enrolment': { access: 'person', personOnly: true },
  'POST /api/v1/me/totp': { access: 'person', personOnly: true, body: () => ({ code: '000000' }) },
  // staff paging (decision 044): a person's own addresses, the chain for administrators, a
  // page from a case by a duty officer taking part, and the link in a message (its token is the proof)
  'GET /api/v1/me/paging-addresses': { access: 'read' },
  'PUT /api/v1/me/paging-addresses/{kind}': {
    access: 'read',
    personOnly: true,
    body: () => ({ address: '+32470000000' }),
  },
  'POST /api/v1/me/paging-addresses/{kind}/confirm': {
    access: 'read',
    personOnly: true,
    body: () => ({ code: '000000' }),
  },
  'DELETE /api/v1/me/paging-addresses/{kind}': { access: 'read', personOnly: true },
  'GET /api/v1/paging/policy': { access: 'users.manage' },
  'PUT /api/v1/paging/policy': {
    access: 'users.manage',
    body: () => ({ chain: [], minSeverity: null, stepSeconds: 60, incomingWaitSeconds: null }),
  },
  'GET /api/v1/paging/pages': { access: 'read' },
  'POST /api/v1/cases/{id}/pages': { access: 'cases.manage', centreData: true, body: () => ({}) },
  'GET /paging/acknowledge/{token}': { access: 'public' },
  'POST /paging/acknowledge/{token}': { access: 'public' },
  'GET /api/v1/users': { access: 'users.manage' },
  'POST /api/v1/users': {
    access: 'users.manage',
    body: () => ({
      username: `matrix-${unique()}`,
      displayName: 'Matrix user',
      roles: ['viewer'],
      password: testPassword,
    }),
  },
  'PATCH /api/v1/users/{id}': {
    access: 'users.manage',
    centreData: true,
    body: () => ({ displayName: 'Ana Lyse' }),
  },
  'POST /api/v1/users/{id}/reset': { access: 'users.manage', centreData: true, body: () => ({ totp: true }) },
  'GET /api/v1/tokens': { access: 'users.manage' },
  'POST /api/v1/tokens': {
    access: 'users.manage',
    body: () => ({ name: `matrix ${unique()}`, scopes: ['read'], expiresInDays: 1 }),
  },
  'DELETE /api/v1/tokens/{id}': { access: 'users.manage', centreData: true },
  'GET /api/v1/audit': { access: 'audit.read' },
  'GET /api/v1/organisations': { access: 'read' },
  'POST /api/v1/organisations': {
    access: 'users.manage',
    centreData: true,
    body: () => ({ code: `org-${unique()}`, name: 'Matrix organisation', kind: 'partner' }),
  },
  'GET /api/v1/organisations/{code}': { access: 'read' },
  'PATCH /api/v1/organisations/{code}': {
    access: 'users.manage',
    centreData: true,
    body: () => ({ grantableRoles: ['viewer', 'partner', 'duty-officer'] }),
  },
  'GET /api/v1/cases': { access: 'read' },
  'POST /api/v1/cases': {
    access: 'cases.manage',
    body: () => ({ kind: 'incident', status: 'exercise', type: 'flood', title: 'Crue', severity: 'minor' }),
  },
  'GET /api/v1/cases/{id}': { access: 'read', centreData: true },
  'GET /api/v1/cases/{id}/edxl': { access: 'read', centreData: true },
  'POST /api/v1/cases/import-edxl': { access: 'cases.manage', xml: () => edxlSample },
  'PATCH /api/v1/cases/{id}': {
    access: 'cases.manage',
    centreData: true,
    body: () => ({ severity: 'major' }),
  },
  'GET /api/v1/cases/{id}/log': { access: 'read', centreData: true },
  'POST /api/v1/cases/{id}/log': {
    access: 'cases.write',
    centreData: true,
    body: () => ({ discipline: 'multidisciplinary', source: 'phone', text: 'Entrée' }),
  },
  'GET /api/v1/log': { access: 'read' },
  'POST /api/v1/sharing/explain': {
    access: 'read',
    body: () => ({ distribution: { kind: 'national' }, tlp: 'GREEN', status: 'actual' }),
  },
  'POST /api/v1/log': {
    access: 'cases.write',
    body: () => ({ discipline: 'multidisciplinary', source: 'phone', text: 'Entrée du jour' }),
  },
  'POST /api/v1/log/batch': {
    access: 'cases.write',
    body: () => ({
      items: [{ id: `matrix-${unique()}`, discipline: 'multidisciplinary', source: 'phone', text: 'Lot' }],
    }),
  },
  'GET /api/v1/log/search': { access: 'read', query: () => 'q=digue' },
  'GET /api/v1/cases/{id}/tasks': { access: 'read', centreData: true },
  'POST /api/v1/cases/{id}/tasks': {
    access: 'cases.write',
    centreData: true,
    body: () => ({ title: 'Tâche' }),
  },
  'PATCH /api/v1/tasks/{id}': {
    access: 'cases.write',
    centreData: true,
    body: () => ({ state: 'in-progress' }),
  },
  'GET /api/v1/tasks/overdue': { access: 'read' },
  'GET /api/v1/cases/{id}/decisions': { access: 'read', centreData: true },
  'POST /api/v1/cases/{id}/decisions': {
    access: 'cases.manage',
    centreData: true,
    body: () => ({ text: 'Évacuer', decidedBy: 'Le gouverneur' }),
  },
  'GET /api/v1/cases/{id}/sitreps': { access: 'read', centreData: true },
  'POST /api/v1/cases/{id}/sitreps': { access: 'cases.manage', centreData: true },
  'GET /api/v1/sitreps/{id}': { access: 'read', centreData: true },
  'PATCH /api/v1/sitreps/{id}': {
    access: 'cases.manage',
    centreData: true,
    body: () => ({ version: 1, needs: 'Sacs de sable' }),
  },
  'GET /api/v1/sitreps/{id}/versions': { access: 'read', centreData: true },
  'POST /api/v1/sitreps/{id}/approve': {
    access: 'sitreps.approve',
    centreData: true,
    body: () => ({ version: 1 }),
  },
  'GET /api/v1/sitreps/{id}/edxl': { access: 'read', centreData: true },
  'GET /api/v1/sitreps/{id}/print': { access: 'read', centreData: true },
  'GET /api/v1/sitreps/{id}/edxl-de': { access: 'read', centreData: true },
  'GET /api/v1/roster': { access: 'read' },
  'PUT /api/v1/roster': {
    access: ['cases.manage', 'users.manage'],
    body: (f) => ({
      timeZone: 'Europe/Brussels',
      startDate: '2026-11-30',
      shiftStarts: ['07:00', '19:00'],
      members: f.centreMembers,
    }),
  },
  'GET /api/v1/roster/shifts': {
    access: 'read',
    query: () => 'from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z',
  },
  'PUT /api/v1/roster/overrides': {
    access: 'cases.manage',
    body: (f) => ({ shiftStart: '2026-11-30T06:00:00Z', userId: f.centreMembers[0], reason: 'Congé' }),
  },
  'GET /api/v1/handovers': { access: 'read' },
  'POST /api/v1/handovers': { access: 'cases.manage', body: () => ({ notes: 'Rien à signaler' }) },
  'POST /api/v1/handovers/{id}/sign-off': { access: 'cases.manage', centreData: true },
  'GET /api/v1/calendar/events': { access: 'read' },
  'GET /api/v1/calendar/feeds': { access: 'cases.manage' },
  'POST /api/v1/calendar/feeds': { access: 'cases.manage' },
  'DELETE /api/v1/calendar/feeds/{id}': { access: 'cases.manage', centreData: true },
  'GET /api/v1/cases/{id}/map': { access: 'read', centreData: true },
  'POST /api/v1/cases/{id}/map': {
    access: 'cases.write',
    centreData: true,
    body: () => ({ kind: 'roadblock', label: 'Barrage', geometry: point }),
  },
  'GET /api/v1/map/open-cases': { access: 'read' },
  'PUT /api/v1/cases/{id}/map/{featureId}': {
    access: 'cases.write',
    centreData: true,
    body: () => ({ kind: 'command-post', label: 'PC', geometry: point, version: 1 }),
  },
  'DELETE /api/v1/cases/{id}/map/{featureId}': { access: 'cases.write', centreData: true },
  'GET /api/v1/contacts': { access: 'read' },
  'GET /api/v1/received-alerts': { access: 'read' },
  'GET /api/v1/cap-sources': { access: 'users.manage' },
  'GET /api/v1/warnings-in-force': { access: 'read' },
  'POST /api/v1/cap-sources': {
    access: 'users.manage',
    centreData: true,
    body: () => ({ name: `matrix ${unique()}`, url: 'https://cap.example/feed.atom', enabled: false }),
  },
  'DELETE /api/v1/cap-sources/{id}': { access: 'users.manage', centreData: true },
  'GET /api/v1/areas': { access: 'read' },
  'GET /api/v1/areas/{id}': { access: 'read' },
  'POST /api/v1/areas/check': {
    access: 'read',
    body: () => ({ circles: [{ centre: [5.69, 50.85], radiusKm: 2 }], codes: ['BE-LG'] }),
  },
  'POST /api/v1/contacts': {
    access: 'cases.manage',
    body: () => ({ kind: 'person', name: 'Jean Dupont', revalidateBy: '2027-06-30' }),
  },
  'PUT /api/v1/contacts/{id}': {
    access: 'cases.manage',
    centreData: true,
    body: () => ({ kind: 'person', name: 'Jean Dupont', revalidateBy: '2027-06-30' }),
  },
  'GET /api/v1/plans': { access: 'read' },
  'POST /api/v1/plans': { access: 'cases.manage', body: () => ({ title: 'Plan inondations' }) },
  'PUT /api/v1/plans/{id}': {
    access: 'cases.manage',
    centreData: true,
    body: () => ({ title: 'Plan inondations' }),
  },
  'POST /api/v1/plans/{id}/documents': { access: 'cases.manage', centreData: true, upload: true },
  'GET /api/v1/plans/{id}/documents': { access: 'read' },
  'GET /api/v1/plan-documents/{id}': { access: 'read' },
  'GET /api/v1/cases/{id}/plans': { access: 'read', centreData: true },
  'POST /api/v1/cases/{id}/plans': {
    access: 'cases.manage',
    centreData: true,
    body: (f) => ({ planId: f.planId }),
  },
  'GET /api/v1/notifications': { access: 'read', personOnly: true },
  'POST /api/v1/notifications/read': { access: 'read', personOnly: true, body: () => ({ upTo: 0 }) },
  'POST /api/v1/log-entries/{id}/attachments': { access: 'cases.write', centreData: true, upload: true },
  'GET /api/v1/log-entries/{id}/attachments': { access: 'read', centreData: true },
  'GET /api/v1/attachments/{id}': { access: 'read', centreData: true },
  'GET /api/v1/stream': { access: 'read', stream: true },
  'GET /api/v1/alerts': { access: 'read' },
  'POST /api/v1/alerts': { access: 'alerts.draft', body: () => alertContent },
  'GET /api/v1/alerts/{id}': { access: 'read', centreData: true },
  'PUT /api/v1/alerts/{id}': {
    access: ['alerts.draft', 'alerts.approve'],
    centreData: true,
    body: () => ({ version: 1, content: alertContent }),
  },
  'POST /api/v1/alerts/{id}/submit': {
    access: ['alerts.draft', 'alerts.approve'],
    centreData: true,
    body: () => ({ version: 1 }),
  },
  'POST /api/v1/alerts/{id}/return': {
    access: 'alerts.approve',
    centreData: true,
    body: () => ({ version: 1, reason: 'Trop large' }),
  },
  'POST /api/v1/alerts/{id}/approve': {
    access: 'alerts.approve',
    centreData: true,
    body: () => ({ version: 1 }),
  },
  'POST /api/v1/alerts/{id}/issue-alone': {
    access: 'alerts.approve',
    centreData: true,
    body: () => ({ version: 1, exception: 'cancel' }),
  },
  'POST /api/v1/alerts/{id}/corrections': {
    access: ['alerts.draft', 'alerts.approve'],
    centreData: true,
    body: () => ({ kind: 'Cancel' }),
  },
  'GET /api/v1/alert-templates': { access: 'read' },
  'POST /api/v1/alert-templates': {
    access: 'alerts.approve',
    body: (_f, who) => ({ name: `Crue (${who})`, content: alertContent }),
  },
  'GET /api/v1/alert-templates/{id}': { access: 'read', centreData: true },
  // before the change: an allowed principal that changed it could not pre-approve it
  'POST /api/v1/alert-templates/{id}/pre-approve': {
    access: 'alerts.approve',
    centreData: true,
    body: () => ({ version: 1 }),
  },
  'PUT /api/v1/alert-templates/{id}': {
    access: 'alerts.approve',
    centreData: true,
    body: () => ({ version: 1, name: 'Crue', content: alertContent }),
  },
  'POST /api/v1/alert-templates/{id}/retire': {
    access: 'alerts.approve',
    centreData: true,
    body: () => ({ version: 2 }),
  },
}

function urlOf(route: string, f: Fixture): string {
  const path = route.split(' ')[1]!
  const byPrefix: [RegExp, string][] = [
    [
      /^\/api\/v1\/federation\/incoming\/\{origin\}\/cases\/\{id\}/,
      `/api/v1/federation/incoming/nl/cases/${f.caseId}`,
    ],
    [
      /^\/api\/v1\/alert-proposals\/\{origin\}\/\{id\}/,
      '/api/v1/alert-proposals/nl/0190f0aa-0000-7000-8000-000000000000',
    ],
    [/^\/api\/v1\/federation\/peers\/\{nodeId\}/, '/api/v1/federation/peers/nl'],
    [/^\/api\/v1\/cases\/\{id\}\/map\/\{featureId\}$/, `/api/v1/cases/${f.caseId}/map/${f.featureId}`],
    [/^\/api\/v1\/cases\/\{id\}/, `/api/v1/cases/${f.caseId}`],
    [/^\/api\/v1\/log-entries\/\{id\}/, `/api/v1/log-entries/${f.entryId}`],
    [/^\/api\/v1\/attachments\/\{id\}/, `/api/v1/attachments/${f.attachmentId}`],
    [/^\/api\/v1\/tasks\/\{id\}/, `/api/v1/tasks/${f.taskId}`],
    [/^\/api\/v1\/sitreps\/\{id\}/, `/api/v1/sitreps/${f.sitrepId}`],
    [/^\/api\/v1\/contacts\/\{id\}/, `/api/v1/contacts/${f.contactId}`],
    [/^\/api\/v1\/plans\/\{id\}/, `/api/v1/plans/${f.planId}`],
    [/^\/api\/v1\/plan-documents\/\{id\}/, `/api/v1/plan-documents/${f.planDocumentId}`],
    [/^\/api\/v1\/calendar\/feeds\/\{id\}/, `/api/v1/calendar/feeds/${f.feedId}`],
    [/^\/api\/v1\/handovers\/\{id\}/, `/api/v1/handovers/${f.handoverId}`],
    [/^\/api\/v1\/alerts\/\{id\}/, `/api/v1/alerts/${f.alertId}`],
    [/^\/api\/v1\/alert-templates\/\{id\}/, `/api/v1/alert-templates/${f.templateId}`],
    [/^\/api\/v1\/users\/\{id\}/, `/api/v1/users/${f.userId}`],
    [/^\/api\/v1\/tokens\/\{id\}/, `/api/v1/tokens/${f.tokenId}`],
    [/^\/api\/v1\/organisations\/\{code\}/, '/api/v1/organisations/centre'],
    [/^\/api\/v1\/areas\/\{id\}/, '/api/v1/areas/BE-LG'],
    [/^\/api\/v1\/cap-sources\/\{id\}/, `/api/v1/cap-sources/${f.capSourceId}`],
    [/^\/api\/v1\/me\/paging-addresses\/\{kind\}/, '/api/v1/me/paging-addresses/sms'],
    [/^\/paging\/acknowledge\/\{token\}/, `/paging/acknowledge/lpage_${'A'.repeat(43)}`],
  ]
  for (const [pattern, prefix] of byPrefix) {
    const match = pattern.exec(path)
    if (match) return prefix + path.slice(match[0].length)
  }
  if (path.includes('{')) throw new Error(`no fixture for the parameters of ${route}: add one to urlOf`)
  return path
}

const engines = await testEngines()

describe.each(engines.map((e) => [e.name, e] as const))('the access matrix on %s', (_name, engine) => {
  let node: TestNode
  let fixture: Fixture
  let documented: string[]
  /** A principal's request headers; `fresh` gives those of a new session of the same kind. */
  const principals = new Map<
    PrincipalName,
    { headers: () => Promise<Record<string, string>>; fresh: () => Promise<Record<string, string>> }
  >()
  const permissionsOf = new Map<PrincipalName, readonly Permission[]>()
  const orgOf = new Map<PrincipalName, 'centre' | 'police' | null>()
  let centreIds: string[] = []

  type Session = TestSession & { account: TestUser }
  const json = (s: Session, method: 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    node.app.inject({ method, url, headers: s.headers(), ...(payload ? { payload } : {}) })
  const created = async (response: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
    const r = await response
    if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
    return (r.json() as { id: string }).id
  }

  beforeAll(async () => {
    node = await startTestNode(engine, { listen: true, config: { 'http.host': '127.0.0.1' } })
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police fédérale', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    const roles = {
      viewer: { roles: ['viewer'], org: 'centre' },
      partner: { roles: ['partner'], org: 'police' },
      'duty officer': { roles: ['duty-officer'], org: 'centre' },
      'crisis manager': { roles: ['crisis-manager'], org: 'centre' },
      administrator: { roles: ['admin'], org: 'centre' },
      'partner administrator': { roles: ['admin'], org: 'police' },
    } as const
    orgOf.set('anonymous', null)
    principals.set('anonymous', { headers: async () => ({}), fresh: async () => ({}) })
    for (const [name, { roles: held, org }] of Object.entries(roles) as [
      PrincipalName,
      (typeof roles)[keyof typeof roles],
    ][]) {
      const kept = await signedInAs(node, [...held], org === 'centre' ? undefined : org)
      const fresh = async () =>
        (await signedInAs(node, [...held], org === 'centre' ? undefined : org)).headers()
      principals.set(name, { headers: async () => kept.headers(), fresh })
      permissionsOf.set(
        name,
        effectivePermissions({
          kind: 'user',
          userId: '',
          username: '',
          orgId: '',
          roles: held,
          sessionId: '',
        }),
      )
      orgOf.set(name, org)
    }
    const admin = await signedInAs(node, ['admin'])
    const duty = await signedInAs(node, ['duty-officer', 'crisis-manager'])
    const token = await json(admin, 'POST', '/api/v1/tokens', {
      name: 'read-only',
      scopes: ['read'],
      expiresInDays: 1,
    })
    const secret = token.json<{ secret: string }>().secret
    const bearer = async () => ({ authorization: `Bearer ${secret}` })
    principals.set('read-only token', { headers: bearer, fresh: bearer })
    permissionsOf.set('read-only token', ['read'])
    orgOf.set('read-only token', 'centre')

    // the centre's data, which the police does not take part in
    const caseId = await created(
      json(duty, 'POST', '/api/v1/cases', {
        kind: 'incident',
        status: 'exercise',
        type: 'flood',
        title: 'Crue de la Senne',
        severity: 'major',
      }),
    )
    const entryId = await created(
      json(duty, 'POST', `/api/v1/cases/${caseId}/log`, {
        discipline: 'be-d1-rescue',
        source: 'field',
        text: 'Digue fissurée',
      }),
    )
    const attachmentId = await created(
      node.app.inject({
        method: 'POST',
        url: `/api/v1/log-entries/${entryId}/attachments`,
        headers: { ...duty.headers(), 'content-type': 'application/pdf', 'x-filename': 'rapport.pdf' },
        payload: pdf,
      }),
    )
    const taskId = await created(json(duty, 'POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Renforcer' }))
    const sitrepId = await created(json(duty, 'POST', `/api/v1/cases/${caseId}/sitreps`))
    const featureId = await created(
      json(duty, 'POST', `/api/v1/cases/${caseId}/map`, {
        kind: 'command-post',
        label: 'PC',
        geometry: point,
      }),
    )
    const contactId = await created(
      json(duty, 'POST', '/api/v1/contacts', {
        kind: 'person',
        name: 'Marie Martin',
        revalidateBy: '2027-06-30',
      }),
    )
    const planId = await created(json(duty, 'POST', '/api/v1/plans', { title: 'Plan Senne' }))
    const planDocumentId = await created(
      node.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${planId}/documents`,
        headers: { ...duty.headers(), 'content-type': 'application/pdf', 'x-filename': 'plan.pdf' },
        payload: pdf,
      }),
    )
    const feedId = await created(json(duty, 'POST', '/api/v1/calendar/feeds'))
    const handoverId = await created(json(duty, 'POST', '/api/v1/handovers', { notes: 'Relève' }))
    const alertAuthor = await signIn(node, await makeUser(node, { roles: ['alert-author'] }))
    const alertId = await created(
      node.app.inject({
        method: 'POST',
        url: '/api/v1/alerts',
        headers: alertAuthor.headers(),
        payload: alertContent,
      }),
    )
    const alertApprover = await signIn(node, await makeUser(node, { roles: ['alert-approver'] }))
    const templateId = await created(
      node.app.inject({
        method: 'POST',
        url: '/api/v1/alert-templates',
        headers: alertApprover.headers(),
        payload: { name: 'Crue', content: alertContent },
      }),
    )
    const target = await makeUser(node, { roles: ['viewer'] })
    const revocable = (
      await json(admin, 'POST', '/api/v1/tokens', { name: 'revocable', scopes: ['read'], expiresInDays: 1 })
    ).json<{ token: { id: string } }>().token.id
    const capSourceId = await created(
      json(admin, 'POST', '/api/v1/cap-sources', {
        name: 'matrix source',
        url: 'https://cap.example/feed.atom',
        enabled: false,
      }),
    )
    const signInUser = await makeUser(node, { roles: ['viewer'], enrolled: false })
    fixture = {
      caseId,
      entryId,
      attachmentId,
      taskId,
      sitrepId,
      featureId,
      contactId,
      planId,
      planDocumentId,
      feedId,
      handoverId,
      alertId,
      templateId,
      userId: target.user.id,
      tokenId: revocable,
      capSourceId,
      centreMembers: [duty.account.user.id],
      signInUser: signInUser.user.username,
    }
    centreIds = [
      caseId,
      entryId,
      attachmentId,
      taskId,
      sitrepId,
      featureId,
      target.user.id,
      revocable,
      alertId,
      templateId,
    ]

    const doc = (await node.app.inject({ url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>
    }>()
    documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    )
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('declares a rule for every operation of the OpenAPI document, and none for a route that is gone', () => {
    const missing = documented.filter((route) => !(route in rules))
    const gone = Object.keys(rules).filter((route) => !documented.includes(route))
    expect(missing, `routes without an access rule in accessMatrix.test.ts: ${missing.join(', ')}`).toEqual(
      [],
    )
    expect(gone, `access rules for routes that no longer exist: ${gone.join(', ')}`).toEqual([])
  })

  /** What the rule says this principal gets: allowed, 401 or 403. */
  function expected(rule: Rule, who: PrincipalName): 'allowed' | 401 | 403 {
    if (rule.metricsToken && who === 'read-only token') return 401
    if (rule.peerSigned) return 401
    if (rule.access === 'public') return 'allowed'
    if (who === 'anonymous') return 401
    if (rule.personOnly && who === 'read-only token') return 403
    const held = permissionsOf.get(who) ?? []
    const needed: readonly Permission[] =
      rule.access === 'person' ? [] : typeof rule.access === 'string' ? [rule.access] : rule.access
    if (needed.length > 0 && !needed.some((p) => held.includes(p))) return 403
    if (rule.centreData && orgOf.get(who) === 'police') return 403
    return 'allowed'
  }

  async function send(route: string, rule: Rule, who: PrincipalName) {
    const method = route.split(' ')[0]!
    const principal = principals.get(who)!
    const headers = rule.endsSession ? await principal.fresh() : await principal.headers()
    const url = urlOf(route, fixture) + (rule.query ? `?${rule.query(fixture)}` : '')
    if (rule.stream) {
      // a live stream never ends: read its status, then let go
      const abort = new AbortController()
      const response = await fetch(`${node.url}${url}`, { headers, signal: abort.signal })
      abort.abort()
      return { statusCode: response.status, code: undefined as string | undefined, body: '' }
    }
    const response = await node.app.inject({
      method: method as 'GET',
      url,
      headers: rule.upload
        ? { ...headers, 'content-type': 'application/pdf', 'x-filename': 'matrix.pdf' }
        : rule.xml
          ? { ...headers, 'content-type': 'application/xml' }
          : headers,
      ...(rule.upload
        ? { payload: pdf }
        : rule.xml
          ? { payload: rule.xml() }
          : rule.body
            ? { payload: rule.body(fixture, who) }
            : {}),
    })
    let code: string | undefined
    try {
      code = response.json<{ error?: { code?: string } }>().error?.code
    } catch {
      code = undefined
    }
    return { statusCode: response.statusCode, code, body: response.body }
  }

  it('answers every route for every principal as its rule says, audits each refusal, and never fails', async () => {
    const problems: string[] = []
    for (const [route, rule] of Object.entries(rules)) {
      // refusals first, so that an allowed principal's change (a removed feature, a revoked
      // token) cannot turn a later refusal into a 404
      const order = [...principalNames].sort(
        (a, b) => Number(expected(rule, a) === 'allowed') - Number(expected(rule, b) === 'allowed'),
      )
      for (const who of order) {
        const want = expected(rule, who)
        const before = await lastAuditSeq()
        const got = await send(route, rule, who)
        const what = `${route} as ${who}: expected ${want}, got ${got.statusCode} ${got.code ?? ''}`
        if (got.statusCode >= 500) problems.push(`${what} (a server error: ${got.body})`)
        else if (want === 'allowed') {
          if (got.statusCode === 401 || got.statusCode === 403) problems.push(what)
        } else if (got.statusCode !== want) problems.push(what)
        else if (want === 403) {
          const audited = await node.deps.store.db
            .selectFrom('audit')
            .select(['outcome', 'code'])
            .where('seq', '>', before)
            .where('outcome', '=', 'refused')
            .execute()
          if (!audited.some((a) => a.code === got.code)) problems.push(`${what}: the refusal was not audited`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("never shows a partner organisation's principals the centre's data it does not take part in", async () => {
    const leaks: string[] = []
    for (const [route, rule] of Object.entries(rules)) {
      // the partner's own audit names what it tried to reach (the matrix's refused requests): not a leak
      if (!route.startsWith('GET ') || rule.stream || route === 'GET /api/v1/audit') continue
      for (const who of ['partner', 'partner administrator'] as const) {
        const got = await send(route, rule, who)
        if (got.statusCode !== 200) continue
        for (const id of centreIds) if (got.body.includes(id)) leaks.push(`${route} as ${who} shows ${id}`)
      }
    }
    expect(leaks).toEqual([])
  })

  async function lastAuditSeq(): Promise<number> {
    const row = await node.deps.store.db
      .selectFrom('audit')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow()
    return Number(row.seq ?? 0)
  }
})
