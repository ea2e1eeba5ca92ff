/**
 * The OASIS CAP 1.2 message, whole: the `alert` block with its `info` blocks (one per language),
 * each with parameters, resources and areas. Field names follow the standard; times stay the
 * strings CAP writes (`2026-12-02T12:00:00+01:00`), so that what was read is written back as is.
 */
export const capStatuses = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const
export type CapStatus = (typeof capStatuses)[number]

export const capMsgTypes = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const
export type CapMsgType = (typeof capMsgTypes)[number]

export const capScopes = ['Public', 'Restricted', 'Private'] as const
export type CapScope = (typeof capScopes)[number]

export const capCategories = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const
export type CapCategory = (typeof capCategories)[number]

export const capResponseTypes = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const
export type CapResponseType = (typeof capResponseTypes)[number]

export const capUrgencies = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const
export type CapUrgency = (typeof capUrgencies)[number]

export const capSeverities = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const
export type CapSeverity = (typeof capSeverities)[number]

export const capCertainties = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const
export type CapCertainty = (typeof capCertainties)[number]

/** A `valueName`/`value` pair: eventCode, parameter and geocode share this form. */
export interface CapNamedValue {
  readonly valueName: string
  readonly value: string
}

export interface CapResource {
  readonly resourceDesc: string
  readonly mimeType: string
  readonly size?: number
  readonly uri?: string
  readonly derefUri?: string
  readonly digest?: string
}

export interface CapArea {
  readonly areaDesc: string
  /** Each polygon as CAP writes it: space-separated `lat,lon` pairs, first equal to last. */
  readonly polygon: readonly string[]
  /** Each circle as `lat,lon radius` with the radius in kilometres. */
  readonly circle: readonly string[]
  readonly geocode: readonly CapNamedValue[]
  readonly altitude?: number
  readonly ceiling?: number
}

export interface CapInfo {
  readonly language?: string
  readonly category: readonly CapCategory[]
  readonly event: string
  readonly responseType: readonly CapResponseType[]
  readonly urgency: CapUrgency
  readonly severity: CapSeverity
  readonly certainty: CapCertainty
  readonly audience?: string
  readonly eventCode: readonly CapNamedValue[]
  readonly effective?: string
  readonly onset?: string
  readonly expires?: string
  readonly senderName?: string
  readonly headline?: string
  readonly description?: string
  readonly instruction?: string
  readonly web?: string
  readonly contact?: string
  readonly parameter: readonly CapNamedValue[]
  readonly resource: readonly CapResource[]
  readonly area: readonly CapArea[]
}

export interface CapAlert {
  readonly identifier: string
  readonly sender: string
  readonly sent: string
  readonly status: CapStatus
  readonly msgType: CapMsgType
  readonly source?: string
  readonly scope: CapScope
  readonly restriction?: string
  readonly addresses?: string
  readonly code: readonly string[]
  readonly note?: string
  readonly references?: string
  readonly incidents?: string
  readonly info: readonly CapInfo[]
}
