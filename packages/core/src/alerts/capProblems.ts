/**
 * The closed set of problems the CAP 1.2 rules find, each with the sentence shown to an author
 * or an operator. A problem always carries the path of the element it is about
 * (`alert.info[0].area[1].polygon[0]`), so a file or a form field can be pointed at precisely.
 */
export const capProblemReasons = {
  required: 'a required element is missing or empty',
  not_enumerated: 'the value is not one of those CAP 1.2 allows',
  not_cap_12: 'not CAP 1.2',
  identifier_form: 'must not be empty nor contain spaces, commas, "<" or "&"',
  date_form: 'a date needs an explicit offset and no fractions: 2026-12-02T12:00:00+01:00',
  references_missing: 'an Update or a Cancel must reference the messages it replaces',
  references_form: 'references are space-separated sender,identifier,sent triples',
  references_self: 'a message cannot reference itself',
  language_form: 'the language is an RFC 3066 tag such as fr-BE',
  web_not_absolute: 'web must be an absolute URI such as https://example.org/alert',
  polygon_form: 'a polygon is space-separated lat,lon pairs in WGS 84',
  polygon_too_few_points: 'a polygon needs at least four points',
  polygon_too_many_points: 'the polygon has more points than accepted',
  polygon_not_closed: 'the first and last points of a polygon must be the same',
  polygon_self_intersecting: 'the polygon crosses itself',
  circle_form: 'a circle is "lat,lon radius" with the radius in kilometres',
  restriction_missing: 'a Restricted alert says who may see it in restriction',
  addresses_missing: 'a Private alert names its recipients in addresses',
  ceiling_without_altitude: 'a ceiling needs an altitude below it',
  ceiling_below_altitude: 'the ceiling is below the altitude',
  number_form: 'must be a number',
  too_long: 'longer than accepted',
  doctype_refused: 'a document type declaration or entity is not accepted (no DTDs)',
  xml_malformed: 'not well-formed XML',
  encoding_unsupported: 'the character encoding is not supported',
  xsd_invalid: 'does not match the CAP 1.2 XML schema',
} as const

export type CapProblemReason = keyof typeof capProblemReasons

export const capProblemReasonList = Object.keys(capProblemReasons) as CapProblemReason[]

export interface CapProblem {
  readonly path: string
  readonly reason: CapProblemReason
  /** English text for logs and the CLI; a client translates from `reason`. */
  readonly message: string
}

export function capProblem(path: string, reason: CapProblemReason, detail?: string): CapProblem {
  const message =
    detail === undefined ? capProblemReasons[reason] : `${capProblemReasons[reason]} (${detail})`
  return { path, reason, message }
}
