/**
 * The closed set of rules that admit an organisation to an item or refuse it, or that send an
 * item to a peer's stream or keep it out (issue 9, capabilities 4 and 5). `admits` says which side
 * the rule is on; clients put each in words in the reader's language (web i18n `admission`).
 */
export const admissionReasons = {
  // admitted
  owner: { admits: true, summary: 'the organisation owns the item' },
  case_participant: { admits: true, summary: 'the organisation takes part in the case' },
  national: { admits: true, summary: 'an organisation of the origin node, and the item is national' },
  origin_centre: { admits: true, summary: "the origin node's centre, which shares it with other nodes" },
  neighbour_centre: { admits: true, summary: 'the centre of a node the item names' },
  federation_centre: {
    admits: true,
    summary: 'the centre of a peer node, and the item goes to the federation',
  },
  group_member: { admits: true, summary: 'a member of the sharing group' },
  peer_receives: { admits: true, summary: 'the peer receives it: an organisation of its node is admitted' },
  // refused
  organisation_only: { admits: false, summary: 'the item stays in the owning organisation' },
  stays_on_node: { admits: false, summary: 'the item never leaves its origin node' },
  not_case_participant: { admits: false, summary: 'the organisation does not take part in the case' },
  centre_only: { admits: false, summary: "only a node's centre receives what is shared with its node" },
  not_named_neighbour: { admits: false, summary: 'the item does not name its node' },
  not_group_member: { admits: false, summary: 'the organisation is not a member of the sharing group' },
  not_a_peer: { admits: false, summary: 'its node is not a peer of this node' },
  peer_not_allowed: { admits: false, summary: 'its node may not receive items of this TLP or distribution' },
  status_not_received: {
    admits: false,
    summary: 'its node does not take part in items of this status (exercise, test)',
  },
  red_named_only: {
    admits: false,
    summary: 'TLP:RED goes only to named organisations, never to a node or the federation',
  },
  red_not_passed_on: { admits: false, summary: 'TLP:RED is not passed on by those who receive it' },
  amber_strict_stays: { admits: false, summary: 'TLP:AMBER+STRICT stays in the receiving organisation' },
  no_hop: { admits: false, summary: 'received from another node: it goes on only by an explicit share' },
  nobody_there: { admits: false, summary: 'no organisation of that node is admitted' },
} as const satisfies Record<string, { admits: boolean; summary: string }>

export type AdmissionReason = keyof typeof admissionReasons

export const admissionReasonList = Object.keys(admissionReasons) as AdmissionReason[]

export function admits(reason: AdmissionReason): boolean {
  return admissionReasons[reason].admits
}
