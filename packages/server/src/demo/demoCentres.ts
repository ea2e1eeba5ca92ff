import type { Country, NewOrganisationInput } from '@liaison/core'

export interface DemoCentre {
  readonly nodeId: string
  readonly name: string
  readonly country: Country
  readonly centre: NewOrganisationInput
  readonly partners: readonly NewOrganisationInput[]
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
  },
]
