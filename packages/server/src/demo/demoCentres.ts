import type { Country, NewOrganisationInput, Role } from '@liaison/core'
import type { DemoUser } from './DemoUser.ts'

export interface DemoCentre {
  readonly nodeId: string
  readonly name: string
  readonly country: Country
  readonly centre: NewOrganisationInput
  readonly partners: readonly NewOrganisationInput[]
  readonly users: readonly DemoUser[]
}

/** Every demo account has this password; the demo's sign-in page shows it, with each current code. */
export const demoPassword = 'liaison-demo-2026'

/** One account per role in the centre, and one partner account. */
function demoUsers(centreCode: string, partnerCode: string, partnerName: string): DemoUser[] {
  const staff: [string, string, Role][] = [
    ['admin', 'Ada Admin', 'admin'],
    ['duty', 'Dirk Duty', 'duty-officer'],
    ['crisis', 'Chloé Crisis', 'crisis-manager'],
    ['author', 'Anouk Author', 'alert-author'],
    ['approver', 'Pieter Approver', 'alert-approver'],
    ['viewer', 'Vera Viewer', 'viewer'],
  ]
  return [
    ...staff.map(([username, displayName, role]) => ({
      username,
      displayName,
      roles: [role],
      password: demoPassword,
      orgCode: centreCode,
    })),
    {
      username: 'partner',
      displayName: `Paul Partner (${partnerName})`,
      roles: ['partner'],
      password: demoPassword,
      orgCode: partnerCode,
    },
  ]
}

const partner = (country: Country, code: string, name: string): NewOrganisationInput => ({
  code,
  name,
  kind: 'partner',
  country,
})

/** The three Benelux crisis centres of the demo and a few partners of each (../shared/DOMAIN.md). */
export const demoCentres: readonly DemoCentre[] = [
  {
    nodeId: 'be',
    name: 'Centre de crise national (NCCN)',
    country: 'BE',
    centre: { code: 'nccn', name: 'Centre de crise national (NCCN)', kind: 'centre', country: 'BE' },
    partners: [
      partner('BE', 'police-federale', 'Police fédérale'),
      partner('BE', 'zone-secours-liege', 'Zone de secours Liège 2 IILE-SRI'),
      partner('BE', 'spf-sante', 'SPF Santé publique (D2)'),
      partner('BE', 'gouverneur-liege', 'Gouverneur de la province de Liège'),
    ],
    users: demoUsers('nccn', 'police-federale', 'Police fédérale'),
  },
  {
    nodeId: 'nl',
    name: 'Nationaal Crisiscentrum (NCC)',
    country: 'NL',
    centre: { code: 'ncc', name: 'Nationaal Crisiscentrum (NCC)', kind: 'centre', country: 'NL' },
    partners: [
      partner('NL', 'locc', 'Landelijk Operationeel Coördinatiecentrum (LOCC)'),
      partner('NL', 'politie', 'Politie Nederland'),
      partner('NL', 'vr-zuid-limburg', 'Veiligheidsregio Zuid-Limburg'),
      partner('NL', 'ghor-zuid-limburg', 'GHOR Zuid-Limburg'),
    ],
    users: demoUsers('ncc', 'vr-zuid-limburg', 'Veiligheidsregio Zuid-Limburg'),
  },
  {
    nodeId: 'lu',
    name: 'Haut-Commissariat à la Protection nationale (HCPN)',
    country: 'LU',
    centre: {
      code: 'hcpn',
      name: 'Haut-Commissariat à la Protection nationale (HCPN)',
      kind: 'centre',
      country: 'LU',
    },
    partners: [
      partner('LU', 'cgdis', 'Corps grand-ducal d’incendie et de secours (CGDIS)'),
      partner('LU', 'police-lu', 'Police grand-ducale'),
      partner('LU', 'sante-lu', 'Direction de la santé'),
    ],
    users: demoUsers('hcpn', 'cgdis', 'CGDIS'),
  },
]
