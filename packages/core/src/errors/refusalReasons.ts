import type { ErrorCode } from './errorCodes.ts'

/**
 * The closed set of reasons for an expected refusal, one per distinct refusal the node makes, each
 * with the error code it is answered with. The code says what kind of refusal it is (HTTP status,
 * exit code); the reason says which rule refused, so that a client can explain it in its own
 * language. Rules in core return these; the edge carries them in the error body beside the code.
 */
export const refusalReasons = {
  // writing to a case
  case_closed: { code: 'conflict', summary: 'the case is closed; re-open it first' },
  not_participant: { code: 'other_organisation', summary: 'the organisation does not take part in the case' },
  not_owner: { code: 'other_organisation', summary: 'only the organisation that owns the case does this' },
  no_change: { code: 'conflict', summary: 'nothing changes' },
  // tasks
  invalid_transition: { code: 'conflict', summary: 'the task cannot move from its state to that one' },
  not_task_party: {
    code: 'other_organisation',
    summary: "only the assigned organisation or the case's owner moves the task on",
  },
  // situation reports and maps: someone else changed it meanwhile
  stale_version: { code: 'conflict', summary: 'it changed meanwhile; reload it' },
  previous_sitrep_draft: { code: 'conflict', summary: 'the previous report is still a draft' },
  sitrep_frozen: { code: 'conflict', summary: 'the report is approved and frozen; draft the next one' },
  already_approved: { code: 'conflict', summary: 'the report is already approved' },
  // handover
  already_signed_off: { code: 'conflict', summary: 'the handover was already signed off' },
  outgoing_signs_off: {
    code: 'conflict',
    summary: 'the incoming officer signs the handover off, not the outgoing one',
  },
  not_incoming_officer: {
    code: 'conflict',
    summary: 'only the officer on duty now or on the next shift signs the handover off',
  },
  no_rotation: { code: 'conflict', summary: 'the organisation has no rotation yet' },
  // records kept by one organisation
  not_author: { code: 'other_organisation', summary: 'only the organisation that wrote it does this' },
  not_keeper: { code: 'other_organisation', summary: 'another organisation keeps this' },
  plan_already_active: { code: 'conflict', summary: 'the plan is already activated for the case' },
  too_many_files: { code: 'conflict', summary: 'the entry carries as many files as it may' },
  // identity and organisations
  last_administrator: { code: 'conflict', summary: 'the last active administrator of the organisation' },
  totp_already_enrolled: { code: 'conflict', summary: 'a one-time code is already set up' },
  totp_not_started: { code: 'conflict', summary: 'the enrolment of a one-time code was not started' },
  already_revoked: { code: 'conflict', summary: 'it was already revoked' },
  username_taken: { code: 'conflict', summary: 'the username is taken on this node' },
  organisation_code_taken: { code: 'conflict', summary: 'an organisation with this code exists' },
  centre_exists: { code: 'conflict', summary: 'the node already has its centre' },
  centre_missing: { code: 'conflict', summary: 'the node has no centre yet' },
  centre_unrestricted: { code: 'conflict', summary: "the centre's administrators grant any role" },
  // CAP sources polled for warnings in force
  cap_source_name_taken: { code: 'conflict', summary: 'a CAP source with this name exists' },
  // alert areas (CAP 1.2 §3.3.4)
  polygon_not_closed: {
    code: 'validation_failed',
    summary: 'the polygon is not closed: its last point must equal its first',
  },
  polygon_too_few_points: {
    code: 'validation_failed',
    summary: 'a polygon needs at least four points, the last equal to the first',
  },
  polygon_self_intersecting: { code: 'validation_failed', summary: 'the polygon crosses itself' },
  // federation peers (issue 9, capability 1)
  peer_exists: { code: 'conflict', summary: 'this node already has a peer with this id' },
  peer_is_this_node: { code: 'conflict', summary: 'a node is not its own peer' },
  peer_unknown: { code: 'not_found', summary: 'no peer with this id is configured' },
  peer_key_malformed: {
    code: 'validation_failed',
    summary: "the peer's public key is not a raw 32-byte Ed25519 key in base64 or base64url",
  },
  peer_key_id_mismatch: {
    code: 'validation_failed',
    summary: "the key id is not the first 16 hex of the SHA-256 of the peer's public key",
  },
  peer_document_refused: {
    code: 'conflict',
    summary: "the node document fetched from the peer's URL does not verify against the key given",
  },
  // key rotation between peers (decision 045)
  peer_key_none_pending: {
    code: 'conflict',
    summary: 'the peer has announced no new key; give its new public key, obtained out of band',
  },
  node_key_missing: {
    code: 'conflict',
    summary: 'this node has no signing key yet to rotate; start it once first',
  },
  // public warning: four eyes and the alert lifecycle (decision 029)
  alert_invalid_transition: { code: 'conflict', summary: 'the alert cannot take that step from its state' },
  alert_not_submitted: { code: 'conflict', summary: 'the alert is not submitted for approval' },
  alert_stale_version: { code: 'conflict', summary: 'the alert changed meanwhile; read it again' },
  alert_same_person: {
    code: 'forbidden',
    summary: 'a second person approves an alert: not its author nor anyone who edited it',
  },
  alert_not_permitted: { code: 'forbidden', summary: 'this step of an alert needs another permission' },
  alert_no_exception: {
    code: 'forbidden',
    summary: 'only a Cancel, a narrowing correction or a pre-approved template is issued by one person',
  },
  alert_status_not_chosen: {
    code: 'validation_failed',
    summary: 'an alert is issued as Actual, Exercise or Test, chosen explicitly',
  },
  alert_reason_missing: { code: 'validation_failed', summary: 'say why the alert is sent back' },
  alert_not_due: { code: 'conflict', summary: 'the alert is scheduled for later' },
  alert_not_issued: { code: 'conflict', summary: 'only an issued alert is corrected or cancelled' },
  // alert proposals across borders (decision 042)
  alert_proposal_answered: {
    code: 'conflict',
    summary: 'the proposal was already adopted, declined or noted',
  },
  alert_proposal_reason_missing: { code: 'validation_failed', summary: 'say why the proposal is declined' },
  alert_proposal_not_addressee: {
    code: 'other_organisation',
    summary: 'the proposal is addressed to another organisation',
  },
  alert_cap_invalid: { code: 'validation_failed', summary: 'the alert is not valid CAP 1.2' },
  // alert templates (decision 038)
  alert_template_name_taken: {
    code: 'conflict',
    summary: 'another template of the organisation has that name',
  },
  alert_template_retired: { code: 'conflict', summary: 'the template is retired' },
  alert_template_same_person: {
    code: 'forbidden',
    summary: 'a template is pre-approved by an approver other than the one who last changed it',
  },
  alert_template_values_invalid: {
    code: 'validation_failed',
    summary: "the values do not fill the template's placeholders",
  },
  // federation streams (issue 9, capability 3)
  unknown_peer: {
    code: 'unauthenticated',
    summary: 'the request carries no HTTP Message Signature by a key of a configured peer',
  },
  request_signature_invalid: {
    code: 'unauthenticated',
    summary: "the request's HTTP Message Signature does not verify, is too old, or is dated in the future",
  },
  // phone numbers for SMS (issue 11)
  phone_number_malformed: {
    code: 'validation_failed',
    summary: 'not an E.164 phone number: a + and the country code, then 6 to 14 digits',
  },
  phone_country_not_served: {
    code: 'validation_failed',
    summary: 'the number is not Belgian, Dutch, Luxembourgish, French or German',
  },
  // citizen registration (issue 11, decision 040)
  address_already_confirmed: { code: 'conflict', summary: 'the address is already confirmed' },
  confirmation_code_wrong: { code: 'invalid_credentials', summary: 'the confirmation code is wrong' },
  confirmation_code_expired: {
    code: 'conflict',
    summary: 'the confirmation code has expired; ask for a new one',
  },
  confirmation_attempts_exhausted: {
    code: 'rate_limited',
    summary: 'too many wrong codes for this address; ask for a new one',
  },
  address_already_registered: { code: 'conflict', summary: 'the address is already registered' },
  channel_not_configured: {
    code: 'validation_failed',
    summary: 'this centre sends nothing over that kind of address',
  },
  // staff paging (issue 11, decision 044)
  paging_chain_duplicate: { code: 'validation_failed', summary: 'a user is in the on-call chain twice' },
  paging_user_unknown: {
    code: 'validation_failed',
    summary: 'the on-call chain names someone who is not a user of the organisation',
  },
  paging_user_unreachable: {
    code: 'validation_failed',
    summary: 'the on-call chain names a user without a confirmed paging phone or e-mail address',
  },
  paging_time_out_of_range: { code: 'validation_failed', summary: 'a paging time is out of its bounds' },
  paging_chain_too_long: { code: 'validation_failed', summary: 'the on-call chain has more than 20 people' },
  paging_chain_empty: { code: 'conflict', summary: 'the organisation has nobody on its on-call chain' },
  page_already_acknowledged: { code: 'conflict', summary: 'the page was already acknowledged' },
  // concurrency
  concurrent_change: { code: 'conflict', summary: 'a concurrent change got there first; try again' },
  already_exists: { code: 'conflict', summary: 'this already exists' },
  request_in_progress: { code: 'conflict', summary: 'the same request is still being processed' },
} as const satisfies Record<string, { code: ErrorCode; summary: string }>

export type RefusalReason = keyof typeof refusalReasons

export const refusalReasonList = Object.keys(refusalReasons) as RefusalReason[]

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && Object.hasOwn(refusalReasons, value)
}
