import type {
  AlertChannel,
  AlertTemplateContent,
  AlertState,
  CapAlert,
  CapAreaFeatureCollection,
  CapMsgType,
  CapStatus,
  IssueException,
  ReceivedItemKind,
} from '@liaison/core'
import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date, Date>
type Json<T> = ColumnType<T, string, string>

export interface OrganisationsTable {
  id: string
  node_id: string
  code: string
  name: string
  kind: 'centre' | 'partner'
  country: 'BE' | 'NL' | 'LU'
  parent_id: string | null
  created_at: Timestamp
  /** The roles its own administrators may grant; null: any (the centre). */
  grantable_roles: string[] | null
}

export interface EventsTable {
  seq: number
  id: string
  at: Timestamp
  kind: string
  subject: string
  /** The organisation that owns the event. */
  org_id: string
  /** The node that wrote it. */
  origin: string
  status: 'actual' | 'exercise' | 'test'
  /** Who may see it (a Distribution as JSON): the truth; never null (decision 014). */
  distribution: Json<unknown>
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'
  schema_version: number
  /** The local audience derived from the distribution when it was written: a cache, never null. */
  audience: string[]
  body: Json<unknown>
}

/** An event written by an action and not yet numbered by the sequencer (decision 012). */
export interface PendingEventsTable {
  pending: Generated<number>
  id: string
  /** The audit row written in the same transaction. */
  audit_id: string
  at: Timestamp
  kind: string
  subject: string
  /** The organisation that owns the event. */
  org_id: string
  /** The node that wrote it. */
  origin: string
  status: 'actual' | 'exercise' | 'test'
  /** Who may see it (a Distribution as JSON): the truth; never null (decision 014). */
  distribution: Json<unknown>
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED'
  schema_version: number
  /** The local audience derived from the distribution when it was written: a cache, never null. */
  audience: string[]
  body: Json<unknown>
}

/** An audit row not yet chained by the sequencer. */
export interface PendingAuditTable {
  pending: Generated<number>
  id: string
  at: Timestamp
  actor: string
  org_id: string | null
  action: string
  target: string | null
  outcome: 'ok' | 'refused' | 'failed'
  code: string | null
  source: string | null
  details: Json<Record<string, unknown> | null>
}

export interface AuditTable {
  seq: number
  id: string
  at: Timestamp
  actor: string
  org_id: string | null
  action: string
  target: string | null
  outcome: 'ok' | 'refused' | 'failed'
  code: string | null
  source: string | null
  details: Json<Record<string, unknown> | null>
  prev_hash: string
  hash: string
}

/** One row (id = 1): the head of the audit chain. Locking it serialises commits, so event seqs follow commit order. */
export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
}

export interface NodeMetaTable {
  key: string
  value: Json<unknown>
}

export interface UsersTable {
  id: string
  org_id: string
  username: string
  display_name: string
  roles: string[]
  password_hash: string
  totp_secret: string | null
  totp_enrolled_at: Timestamp | null
  totp_last_step: number | null
  failed_count: Generated<number>
  locked_until: Timestamp | null
  disabled: Generated<boolean>
  created_at: Timestamp
  last_sign_in_at: Timestamp | null
}

export interface SessionsTable {
  id: string
  secret_hash: string
  user_id: string
  stage: 'signed-in' | 'enrol-totp'
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  ended_at: Timestamp | null
  source: string | null
}

export interface ApiTokensTable {
  id: string
  org_id: string
  created_by: string
  name: string
  scopes: string[]
  secret_hash: string
  created_at: Timestamp
  expires_at: Timestamp
  revoked_at: Timestamp | null
  last_used_at: Timestamp | null
}

export interface CasesTable {
  id: string
  owner_org_id: string
  kind: 'incident' | 'planned-event'
  status: 'actual' | 'exercise' | 'test'
  type: string
  title: string
  description: string
  lon: number | null
  lat: number | null
  starts_at: Timestamp
  ends_at: Timestamp | null
  severity: string
  state: 'open' | 'monitoring' | 'closed'
  disciplines: string[]
  scaling_doctrine: string | null
  scaling_level: string | null
  scaling_plan_level: 'stand-by' | 'pre-alert' | 'alert' | null
  participants: string[]
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  from_log_entry: string | null
}

export interface LogEntriesTable {
  id: string
  case_id: string | null
  org_id: string
  author_id: string
  author_name: string
  occurred_at: Timestamp
  /** The offset or IANA zone the time was given in; `Z`: unknown (written before m0026). */
  occurred_zone: string
  occurred_qualifier: 'exact' | 'approximate' | 'part-of-day' | 'range' | 'defaulted'
  occurred_part: 'night' | 'morning' | 'afternoon' | 'evening' | null
  occurred_until: Timestamp | null
  recorded_at: Timestamp
  discipline: string
  source: string
  text: string
  lon: number | null
  lat: number | null
  supersedes: string | null
  search: Generated<string>
}

export interface TasksTable {
  id: string
  case_id: string
  /** The organisation that set the task and answers for it. */
  owner_org_id: string
  title: string
  description: string
  assignee_org_id: string
  assignee_user_id: string | null
  due_at: Timestamp | null
  state: 'open' | 'in-progress' | 'done' | 'cancelled'
  priority: 'low' | 'normal' | 'high' | 'urgent'
  from_log_entry: string | null
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DecisionsTable {
  id: string
  case_id: string
  text: string
  decided_by: string
  rationale: string
  decided_at: Timestamp
  from_log_entry: string | null
  recorded_by: string
  recorded_at: Timestamp
}

export interface SitrepsTable {
  id: string
  case_id: string
  number: number
  version: number
  state: 'draft' | 'approved'
  period_from: Timestamp
  period_to: Timestamp
  conditions: string
  actions: string
  needs: string
  casualties: Json<{ dead: number; injured: number; missing: number; evacuated: number }>
  resources: string
  next_update_at: Timestamp | null
  drafted_by: string
  approved_by: string | null
  approved_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface RotationsTable {
  org_id: string
  definition: Json<unknown>
  updated_at: Timestamp
  updated_by: string
}

export interface RosterOverridesTable {
  org_id: string
  shift_start: Timestamp
  user_id: string
  reason: string
  created_at: Timestamp
  created_by: string
}

export interface HandoversTable {
  id: string
  org_id: string
  period_from: Timestamp
  period_to: Timestamp
  outgoing_user_id: string
  report: Json<unknown>
  notes: string
  created_at: Timestamp
  signed_off_by: string | null
  signed_off_at: Timestamp | null
}

export interface CalendarFeedsTable {
  id: string
  org_id: string
  secret_hash: string
  created_by: string
  created_at: Timestamp
  revoked_at: Timestamp | null
}

export interface MapFeaturesTable {
  id: string
  case_id: string
  org_id: string
  kind: string
  label: string
  geometry: Json<unknown>
  version: number
  created_by: string
  updated_at: Timestamp
  removed_at: Timestamp | null
}

export interface ContactsTable {
  id: string
  owner_org_id: string
  kind: 'point-of-contact' | 'person' | 'building' | 'infrastructure'
  name: string
  role: string
  organisation_name: string
  region: string
  phones: Json<{ label: string; number: string }[]>
  emails: string[]
  address: string
  lon: number | null
  lat: number | null
  available_24_7: boolean
  revalidate_by: string
  updated_at: Timestamp
  search: Generated<string>
}

export interface PlansTable {
  id: string
  owner_org_id: string
  title: string
  scope: string
  area: string
  version: string
  valid_until: string | null
  document: string
  updated_at: Timestamp
}

export interface CasePlansTable {
  case_id: string
  plan_id: string
  activated_at: Timestamp
  activated_by: string
}

export interface NotificationReadsTable {
  user_id: string
  read_up_to: number
  updated_at: Timestamp
}

/** A work processor's place in the events (decision 016): the last seq it has handled. */
export interface ProcessorCursorsTable {
  name: string
  seq: ColumnType<number, number | undefined, number>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

/** One notification for one recipient: a user, or an organisation (all its members). */
export interface NotificationsTable {
  seq: number
  recipient: string
  recipient_kind: 'user' | 'organisation'
  /** Who caused it, and is not told of it. */
  by_user_id: string | null
  at: Timestamp
  kind: string
  case_id: string
  title: string
}

export interface AttachmentsTable {
  id: string
  log_entry_id: string
  org_id: string
  file_name: string
  content_type: string
  size: number
  sha256: string
  data: Buffer
  created_at: Timestamp
  created_by: string
}

export interface SitrepVersionsTable {
  sitrep_id: string
  version: number
  content: Json<Record<string, unknown>>
  replaced_at: Timestamp
  replaced_by: string
}

export interface PlanDocumentsTable {
  id: string
  plan_id: string
  org_id: string
  file_name: string
  content_type: string
  size: number
  sha256: string
  data: Buffer
  uploaded_at: Timestamp
  uploaded_by: string
}

/** The first answer to a change sent with an Idempotency-Key (m0018). */
export interface IdempotencyKeysTable {
  /** `user:<id>` or `token:<id>`: keys of different principals never meet. */
  principal: string
  key: string
  /** SHA-256 (hex) of the method, route, path and the body's SHA-256. */
  fingerprint: string
  state: 'running' | 'done'
  started_at: Timestamp
  expires_at: Timestamp
  status: number | null
  headers: Json<Record<string, string>> | null
  /** The answer's body, base64, sealed with the node's key (SecretBox): it may hold a secret shown once. */
  body: string | null
}

/** An item a batch action applied, so that a replay of it is skipped (m0018). */
export interface BatchItemsTable {
  /** Where item ids are unique: `log-entry:<organisation id>`. */
  scope: string
  item_id: string
  /** What the item made (the log entry's id); null until it is applied. */
  ref: string | null
  applied_at: Timestamp
}

export interface RateLimitsTable {
  key: string
  count: number
  reset_at: Timestamp
}

export interface SignInFailuresTable {
  /** As typed (trimmed, lower-case), known or not. */
  username: string
  source: string
  failures: number
  last_failure_at: Timestamp
}

/** The embedded queue's jobs (store/queue/databaseQueue.ts). */
export interface JobsTable {
  seq: Generated<number>
  id: string
  topic: string
  payload: Json<unknown>
  ordering_key: string | null
  state: 'ready' | 'dead'
  attempts: Generated<number>
  max_attempts: number
  run_at: Timestamp
  lease_until: Timestamp | null
  lease_token: string | null
  worker_id: string | null
  last_error: string | null
  enqueued_at: Timestamp
  dead_at: Timestamp | null
}

/** The organisations of this node in a sharing group (decision 014); the group itself is the federation's. */
export interface SharingGroupMembersTable {
  group_id: string
  org_id: string
}

/** A CAP alert read from elsewhere (migration 0028). */
export interface ReceivedAlertsTable {
  id: string
  sender: string
  identifier: string
  sent: string
  sent_at: Timestamp
  status: string
  msg_type: string
  cap_references: string | null
  refers_to: string | null
  namespace: string
  alert: Json<unknown>
  warnings: Json<unknown>
  original: string
  file_name: string | null
  imported_at: Timestamp
  imported_by: string
  /** The CAP source it was polled from (migration 0032); null when imported by hand. */
  source_id: Generated<string | null>
  /** When every info block has run out (migration 0032); null while one stands until cancelled. */
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** A CAP feed the node polls (migration 0032). */
export interface CapSourcesTable {
  id: string
  name: string
  url: string
  poll_seconds: number
  stale_after_seconds: number
  enabled: boolean
  etag: string | null
  last_modified: string | null
  content_sha256: string | null
  last_fetched_at: Timestamp | null
  last_answered_at: Timestamp | null
  last_changed_at: Timestamp | null
  last_error_at: Timestamp | null
  last_error: string | null
  /** The feed entries last skipped (not CAP 1.2), each with its reason. */
  skipped: Json<readonly { readonly url: string; readonly reason: string }[]>
  created_at: Timestamp
  created_by: string
}

/** An imported alert area (migration 0030). */
export interface AreasTable {
  id: string
  level: 'country' | 'province' | 'municipality' | 'safety-region' | 'custom'
  code: string
  name: string
  names: Json<Record<string, string>>
  country: string | null
  geometry: Json<{ type: 'MultiPolygon'; coordinates: [number, number][][][] }>
  vertices: number
  west: number
  south: number
  east: number
  north: number
  source_file: string
  imported_at: Timestamp
  imported_by: string
}

/** This node's public signing keys, current and retired (m0029). */
export interface NodeKeysTable {
  key_id: string
  /** Raw 32-byte Ed25519 key, base64url. */
  public_key: string
  created_at: Timestamp
  retired_at: Timestamp | null
}

/** The peers this node trusts and what each may receive (m0029). */
export interface PeersTable {
  node_id: string
  base_url: string
  statuses: string[]
  tlp: string[]
  distributions: string[]
  added_at: Timestamp
  added_by: string
  changed_at: Timestamp
  changed_by: string
}

export interface PeerKeysTable {
  peer_node_id: string
  key_id: string
  public_key: string
  added_at: Timestamp
  retired_at: Timestamp | null
}

/** A new key a peer announced, signed with its current key, until it is taken (m0048). */
export interface PeerPendingKeysTable {
  peer_node_id: string
  key_id: string
  public_key: string
  previous_key_id: string
  rotated_at: Timestamp
  received_at: Timestamp
  announcement: Json<unknown>
}

/** The organisations a peer published, kept with its node (m0029). */
export interface ForeignOrganisationsTable {
  peer_node_id: string
  org_id: string
  code: string
  name: string
  kind: 'centre' | 'partner'
  country: string
  languages: string[]
  version: number
  received_at: Timestamp
}

/** A public warning (m0031, decision 029). */
export interface AlertsTable {
  id: string
  org_id: string
  state: AlertState
  version: number
  status: CapStatus
  msg_type: CapMsgType
  identifier: string
  cap: Json<CapAlert>
  channels: Json<AlertChannel[]>
  author_id: string
  editor_ids: Json<string[]>
  exception: IssueException | null
  submitted_by: string | null
  submitted_at: Timestamp | null
  submitted_version: number | null
  approved_by: string | null
  approved_at: Timestamp | null
  issued_alone: IssueException | null
  issue_at: Timestamp | null
  issued_at: Timestamp | null
  issued_xml: string | null
  returned_reason: string | null
  replaces_id: string | null
  created_at: Timestamp
  updated_at: Timestamp
  /** The template it was made from, at which version, with which values (m0040). */
  template_id: ColumnType<string | null, string | null | undefined, string | null>
  template_version: ColumnType<number | null, number | null | undefined, number | null>
  template_values: ColumnType<Record<string, string> | null, string | null | undefined, string | null>
  /** The language warnings its author overrode, with the reason (m0045). */
  language_override: ColumnType<
    { languages: string[]; reason: string } | null,
    string | null | undefined,
    string | null
  >
  /** When it runs out (`capAlertExpiresAt`; m0041). */
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** A template for recurring alerts (m0040, decision 038). */
export interface AlertTemplatesTable {
  id: string
  org_id: string
  name: string
  version: number
  content: Json<AlertTemplateContent>
  placeholders: Json<string[]>
  pre_approved_by: string | null
  pre_approved_at: Timestamp | null
  retired_at: Timestamp | null
  created_by: string
  changed_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** Every saved version of an alert, the current one too (m0031). */
export interface AlertVersionsTable {
  alert_id: string
  version: number
  cap: Json<CapAlert>
  channels: Json<AlertChannel[]>
  saved_at: Timestamp
  saved_by: string
}

/** Each peer's stream of the events admitted for it, signed and chained (m0033). */
export interface FederationOutboxTable {
  peer: string
  seq: number
  prev: string
  hash: string
  event: Json<unknown>
  created_at: Timestamp
}

/** Each peer in both directions: the outbound head, what it acknowledged, retries; the inbound head (m0033). */
export interface FederationPeerStateTable {
  peer: string
  out_seq: Generated<number>
  out_hash: Generated<string>
  acked_seq: Generated<number>
  attempts: Generated<number>
  next_attempt_at: Timestamp | null
  parked_since: Timestamp | null
  first_error: string | null
  first_error_at: Timestamp | null
  last_error: string | null
  last_error_at: Timestamp | null
  last_contact_at: Timestamp | null
  protocol: number | null
  in_seq: Generated<number>
  in_hash: Generated<string>
}

/** What each peer sent, kept as signed, until applied (m0033). */
export interface FederationInboxTable {
  peer: string
  seq: number
  hash: string
  event: Json<unknown>
  received_at: Timestamp
  applied_at: Timestamp | null
  /** What applying it did (m0036): applied into the read models, or skipped (a kind not applied). */
  outcome: 'applied' | 'skipped' | null
}

/** An item of another node as this node keeps it (m0036, decision 035), by origin, kind and id. */
export interface ReceivedItemsTable {
  origin: string
  kind: ReceivedItemKind
  id: string
  /** The peer it came from (its origin: nothing hops on by itself). */
  peer: string
  /** The origin's case it belongs to (a case's own id for a case); null outside a case. */
  case_id: string | null
  owner_org_id: string
  status: 'actual' | 'exercise' | 'test'
  tlp: string
  distribution: Json<unknown>
  /** The organisations of this node that see it: core's localAudience, kept current. */
  audience: string[]
  title: string
  /** The item as its origin last wrote it (JSON, times as text). */
  item: Json<unknown>
  event_id: string
  changed_at: Timestamp
  received_at: Timestamp
  superseded_by: string | null
  removed_at: Timestamp | null
  acknowledged_at: Timestamp | null
  acknowledged_by: string | null
  acknowledged_org_id: string | null
}

/** A receipt a peer sent for an item of this node (m0036): delivered, or acknowledged by a person. */
export interface FederationReceiptsTable {
  item_id: string
  node: string
  state: 'delivered' | 'acknowledged'
  item_kind: string
  at: Timestamp
  org_id: string | null
  by_name: string | null
  received_at: Timestamp
}

/** An alert proposal across a border (m0045, decision 042), sent by this node or received from a peer. */
export interface AlertProposalsTable {
  origin: string
  id: string
  direction: 'sent' | 'received'
  to_node: string
  alert_id: string
  status: 'Actual' | 'Exercise' | 'Test'
  /** Who sees it here: the sending organisation, or the receiving centre. */
  audience: string[]
  /** The proposal as sent (JSON, times as text). */
  proposal: Json<unknown>
  state: 'proposed' | 'adopted' | 'declined' | 'noted'
  reason: string | null
  answered_at: Timestamp | null
  answered_by: string | null
  answered_org_id: string | null
  adopted_alert_id: string | null
  created_at: Timestamp
}

/** The public copy of an issued Public alert, the only table the public listener reads (m0034, decision 034). */
export interface PublicAlertsTable {
  identifier: string
  sender: string
  sent: Timestamp
  status: 'Actual' | 'Exercise' | 'Test'
  msg_type: 'Alert' | 'Update' | 'Cancel'
  scope: 'Public'
  xml: string
  json: Json<CapAlert>
  areas: Json<CapAreaFeatureCollection>
  languages: Json<string[]>
  headlines: Json<Record<string, string>>
  expires: Timestamp | null
  updated_at: Timestamp
  current: boolean
}

export interface SubscribersTable {
  id: string
  token_hash: string
  languages: Json<string[]>
  wants_test: boolean
  wants_exercise: boolean
  origin: 'registered' | 'imported'
  consent_basis: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SubscriberAddressesTable {
  id: string
  subscriber_id: string
  kind: 'sms' | 'email' | 'push'
  address: string
  push_keys: Json<{ p256dh: string; auth: string }> | null
  confirmed_at: Timestamp | null
  code_hash: string | null
  code_expires_at: Timestamp | null
  code_attempts: Generated<number>
  codes_sent: Generated<number>
  unsubscribe_token: string
  created_at: Timestamp
}

export interface SubscriberPlacesTable {
  subscriber_id: string
  position: number
  label: string
  lon: number
  lat: number
  area_code: string | null
}

export interface SubscriberDeliveriesTable {
  id: string
  subscriber_id: string | null
  address_id: string | null
  kind: 'sms' | 'email' | 'push'
  purpose: 'confirmation' | 'welcome'
  language: string
  state: 'submitted' | 'delivered' | 'failed' | 'expired' | 'gone'
  reason: string | null
  network_ref: string | null
  sent_at: Timestamp
  updated_at: Timestamp
}

export interface UserPagingAddressesTable {
  id: string
  user_id: string
  kind: 'sms' | 'email'
  address: string
  confirmed_at: Timestamp | null
  code_hash: string | null
  code_expires_at: Timestamp | null
  code_attempts: Generated<number>
  created_at: Timestamp
}

export interface PagingPoliciesTable {
  org_id: string
  chain: Json<string[]>
  min_severity: 'minor' | 'moderate' | 'major' | 'critical' | null
  step_seconds: number
  incoming_wait_seconds: number | null
  updated_at: Timestamp
}

export interface PagesTable {
  id: string
  org_id: string
  case_id: string | null
  reason: 'case_opened' | 'incoming_waiting' | 'requested'
  item_key: string | null
  title: string
  severity: string | null
  status: 'actual' | 'exercise' | 'test'
  note: string | null
  chain: Json<string[]>
  step_seconds: number
  step: Generated<number>
  state: 'paging' | 'acknowledged' | 'exhausted'
  reply_code: string
  created_at: Timestamp
  updated_at: Timestamp
  acknowledged_at: Timestamp | null
  acknowledged_by: string | null
  acknowledged_via: 'sms' | 'link' | null
}

export interface PageRecipientsTable {
  page_id: string
  step: number
  user_id: string
  token_hash: string
  sms_to: string | null
  email_to: string | null
  paged_at: Timestamp
}

export interface Database {
  subscribers: SubscribersTable
  subscriber_addresses: SubscriberAddressesTable
  subscriber_places: SubscriberPlacesTable
  subscriber_deliveries: SubscriberDeliveriesTable
  user_paging_addresses: UserPagingAddressesTable
  paging_policies: PagingPoliciesTable
  pages: PagesTable
  page_recipients: PageRecipientsTable
  federation_outbox: FederationOutboxTable
  federation_peer_state: FederationPeerStateTable
  federation_inbox: FederationInboxTable
  public_alerts: PublicAlertsTable
  received_items: ReceivedItemsTable
  alert_proposals: AlertProposalsTable
  federation_receipts: FederationReceiptsTable
  areas: AreasTable
  received_alerts: ReceivedAlertsTable
  node_keys: NodeKeysTable
  peers: PeersTable
  peer_keys: PeerKeysTable
  peer_pending_keys: PeerPendingKeysTable
  foreign_organisations: ForeignOrganisationsTable
  alerts: AlertsTable
  alert_templates: AlertTemplatesTable
  alert_versions: AlertVersionsTable
  cap_sources: CapSourcesTable
  sharing_group_members: SharingGroupMembersTable
  jobs: JobsTable
  sign_in_failures: SignInFailuresTable
  idempotency_keys: IdempotencyKeysTable
  batch_items: BatchItemsTable
  rate_limits: RateLimitsTable
  plan_documents: PlanDocumentsTable
  sitrep_versions: SitrepVersionsTable
  attachments: AttachmentsTable
  notification_reads: NotificationReadsTable
  notifications: NotificationsTable
  processor_cursors: ProcessorCursorsTable
  map_features: MapFeaturesTable
  contacts: ContactsTable
  plans: PlansTable
  case_plans: CasePlansTable
  calendar_feeds: CalendarFeedsTable
  rotations: RotationsTable
  roster_overrides: RosterOverridesTable
  handovers: HandoversTable
  sitreps: SitrepsTable
  tasks: TasksTable
  decisions: DecisionsTable
  cases: CasesTable
  log_entries: LogEntriesTable
  users: UsersTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  organisations: OrganisationsTable
  events: EventsTable
  pending_events: PendingEventsTable
  audit: AuditTable
  pending_audit: PendingAuditTable
  audit_head: AuditHeadTable
  node_meta: NodeMetaTable
}
