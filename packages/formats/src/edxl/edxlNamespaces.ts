export const edxlDe20Namespace = 'urn:oasis:names:tc:emergency:EDXL:DE:2.0'
export const emsi2015Namespace = 'http://tacticalsituationobject.org/schemas/EMSI/2_0'
export const xlinkNamespace = 'http://www.w3.org/1999/xlink'

/**
 * The value lists of the facts of a Liaison case that EMSI has no element for (decision 039):
 * each is a `contentKeyword` of the EMSI content object, its URI naming the list.
 */
export const liaisonValueLists = {
  kind: 'urn:liaison:case:kind',
  type: 'urn:liaison:case:type',
  state: 'urn:liaison:case:state',
  severity: 'urn:liaison:case:severity',
  discipline: 'urn:liaison:case:discipline',
  endsAt: 'urn:liaison:case:ends-at',
  scalingDoctrine: 'urn:liaison:case:scaling-doctrine',
  scalingLevel: 'urn:liaison:case:scaling-level',
  scalingPlanLevel: 'urn:liaison:case:scaling-plan-level',
  content: 'urn:liaison:content',
} as const

/** What each content object of a Liaison distribution is, in the `urn:liaison:content` list. */
export const liaisonContents = {
  emsi: 'case-emsi',
  description: 'case-description',
  sitrep: 'sitrep',
} as const

/** The media type of a situation report's content object (shaped on EDXL-SitRep 1.0; no SitRep schema is stored). */
export const sitrepMediaType = 'application/json'
