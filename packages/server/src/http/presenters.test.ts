import type { ApiToken, Case, LogEntry, Organisation, User } from '@liaison/core'
import {
  CaseBody,
  ContactBody,
  FeatureCollectionBody,
  LogEntryBody,
  OrganisationBody,
  TokenBody,
  UserBody,
} from '@liaison/wire'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { presentCase, presentLogEntry } from './casePresenters.ts'
import { featureCollection, presentContact } from './directoryPresenters.ts'
import { presentToken, presentUser } from './identityPresenters.ts'
import { presentOrganisation } from './organisationPresenter.ts'

/*
 * The serializer enforces each answer's schema: a presenter that drifts from its wire schema
 * would drop fields or fail the request. Each presenter's answer is checked against the schema
 * the route declares, with its formats (uuid, date-time), and holds no Date: on the wire a time is
 * an ISO 8601 text.
 */
const at = new Date('2026-03-01T10:00:00.000Z')
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`

function problems(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${e.instancePath} ${e.message}`)
}

const aCase: Case = {
  id: id(1),
  ownerOrgId: id(2),
  kind: 'incident',
  status: 'actual',
  type: 'flood',
  title: 'Meuse in flood',
  description: '',
  location: { lon: 5.57, lat: 50.63 },
  startsAt: at,
  endsAt: null,
  severity: 'major',
  state: 'open',
  disciplines: ['be-d1-rescue'],
  scaling: { doctrine: 'BE', level: 'provincial', planLevel: 'alert' },
  participants: [id(3)],
  createdAt: at,
  createdBy: id(4),
  updatedAt: at,
  fromLogEntry: null,
}

const anEntry: LogEntry = {
  id: id(5),
  caseId: aCase.id,
  orgId: id(2),
  authorId: id(4),
  authorName: 'Dirk Duty',
  occurredAt: at,
  occurred: { at, zone: 'Europe/Brussels', qualifier: 'approximate' },
  recordedAt: at,
  discipline: 'multidisciplinary',
  source: 'phone',
  text: 'Water over the quay',
  location: null,
  supersedes: null,
}

const aUser: User = {
  id: id(4),
  orgId: id(2),
  username: 'dirk',
  displayName: 'Dirk Duty',
  roles: ['duty-officer'],
  totpEnrolled: true,
  disabled: false,
  lockedUntil: null,
  lastSignInAt: at,
  createdAt: at,
}

const aToken: ApiToken = {
  id: id(6),
  orgId: id(2),
  name: 'feed',
  scopes: ['read'],
  createdBy: id(4),
  createdAt: at,
  expiresAt: at,
  revokedAt: null,
  lastUsedAt: null,
}

const anOrganisation: Organisation = {
  id: id(2),
  nodeId: 'be',
  code: 'centre',
  name: 'NCCN',
  kind: 'centre',
  country: 'BE',
  parentId: null,
  createdAt: at,
  grantableRoles: null,
}

const aContact = {
  id: id(8),
  owner_org_id: id(2),
  kind: 'person' as const,
  name: 'Officier de garde',
  role: 'duty officer',
  organisation_name: 'Province de Liège',
  region: 'Liège',
  phones: [{ label: 'permanence', number: '+32 4 000 00 00' }],
  emails: ['garde@example.be'],
  address: '',
  lon: 5.57,
  lat: 50.63,
  available_24_7: true,
  revalidate_by: '2026-02-28',
  updated_at: at,
}
const aFeatureRow = {
  id: id(9),
  case_id: id(1),
  org_id: id(2),
  kind: 'perimeter',
  label: 'Cordon',
  geometry: { type: 'Point', coordinates: [5.57, 50.63] },
  version: 2,
}

describe('presenters answer what the wire schemas say', () => {
  it.each([
    ['case', CaseBody, presentCase(aCase)],
    ['log entry', LogEntryBody, presentLogEntry(anEntry, id(7))],
    ['user', UserBody, presentUser(aUser)],
    ['API token', TokenBody, presentToken(aToken)],
    ['organisation', OrganisationBody, presentOrganisation(anOrganisation)],
    ['contact', ContactBody, presentContact(aContact, '2026-03-01')],
    ['map', FeatureCollectionBody, featureCollection([aFeatureRow])],
  ] as const)('a %s', (_name, schema, answer) => {
    expect(problems(schema, answer)).toEqual([])
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer)
  })

  it('says a contact is stale the day after its check date, not before', () => {
    expect(presentContact(aContact, '2026-02-28').stale).toBe(false)
    expect(presentContact(aContact, '2026-03-01').stale).toBe(true)
    expect(presentContact({ ...aContact, lon: null, lat: null }, '2026-03-01').location).toBeNull()
  })

  it('refuses a Date where the wire has a date-time text', () => {
    expect(problems(CaseBody, { ...presentCase(aCase), startsAt: at })).not.toEqual([])
    expect(problems(CaseBody, { ...presentCase(aCase), startsAt: 'yesterday' })).not.toEqual([])
  })
})
