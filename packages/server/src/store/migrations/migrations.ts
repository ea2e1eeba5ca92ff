import type { Migration } from 'kysely'
import { m0001_foundation } from './m0001_foundation.ts'
import { m0002_identity } from './m0002_identity.ts'
import { m0003_cases } from './m0003_cases.ts'
import { m0004_tasks } from './m0004_tasks.ts'
import { m0005_sitreps } from './m0005_sitreps.ts'
import { m0006_duty } from './m0006_duty.ts'
import { m0007_calendar } from './m0007_calendar.ts'
import { m0008_directory } from './m0008_directory.ts'
import { m0009_notifications } from './m0009_notifications.ts'
import { m0010_attachments } from './m0010_attachments.ts'
import { m0011_plan_level } from './m0011_plan_level.ts'
import { m0012_sitrep_versions } from './m0012_sitrep_versions.ts'
import { m0013_plan_documents } from './m0013_plan_documents.ts'
import { m0014_correction_index } from './m0014_correction_index.ts'
import { m0015_rate_limits } from './m0015_rate_limits.ts'
import { m0016_access_rules } from './m0016_access_rules.ts'
import { m0017_jobs } from './m0017_jobs.ts'
import { m0018_idempotency } from './m0018_idempotency.ts'
import { m0019_sequencer } from './m0019_sequencer.ts'
import { m0020_list_indexes } from './m0020_list_indexes.ts'
import { m0021_event_sharing } from './m0021_event_sharing.ts'
import { m0022_processors } from './m0022_processors.ts'
import { m0026_reported_time } from './m0026_reported_time.ts'
import { m0027_credential_changes } from './m0027_credential_changes.ts'
import { m0028_received_alerts } from './m0028_received_alerts.ts'
import { m0029_peers } from './m0029_peers.ts'
import { m0030_areas } from './m0030_areas.ts'
import { m0031_alerts } from './m0031_alerts.ts'
import { m0032_cap_sources } from './m0032_cap_sources.ts'
import { m0033_federation_streams } from './m0033_federation_streams.ts'
import { m0034_public_alerts } from './m0034_public_alerts.ts'
import { m0035_audit_target } from './m0035_audit_target.ts'
import { m0036_received_items } from './m0036_received_items.ts'
import { m0042_subscribers } from './m0042_subscribers.ts'
import { m0048_peer_pending_keys } from './m0048_peer_pending_keys.ts'
import { m0047_paging } from './m0047_paging.ts'
import { m0044_organisation_changes } from './m0044_organisation_changes.ts'
import { m0049_received_decisions_and_sitreps } from './m0049_received_decisions_and_sitreps.ts'
import { m0045_alert_proposals } from './m0045_alert_proposals.ts'
import { m0040_alert_templates } from './m0040_alert_templates.ts'
import { m0041_alert_expiry } from './m0041_alert_expiry.ts'

/** Every migration, in order. Names sort; never rename or edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001_foundation,
  '0002_identity': m0002_identity,
  '0003_cases': m0003_cases,
  '0004_tasks': m0004_tasks,
  '0005_sitreps': m0005_sitreps,
  '0006_duty': m0006_duty,
  '0007_calendar': m0007_calendar,
  '0008_directory': m0008_directory,
  '0009_notifications': m0009_notifications,
  '0010_attachments': m0010_attachments,
  '0011_plan_level': m0011_plan_level,
  '0012_sitrep_versions': m0012_sitrep_versions,
  '0013_plan_documents': m0013_plan_documents,
  '0014_correction_index': m0014_correction_index,
  '0015_rate_limits': m0015_rate_limits,
  '0016_access_rules': m0016_access_rules,
  '0017_jobs': m0017_jobs,
  '0018_idempotency': m0018_idempotency,
  '0019_sequencer': m0019_sequencer,
  '0020_list_indexes': m0020_list_indexes,
  '0021_event_sharing': m0021_event_sharing,
  '0022_processors': m0022_processors,
  '0026_reported_time': m0026_reported_time,
  '0027_credential_changes': m0027_credential_changes,
  '0028_received_alerts': m0028_received_alerts,
  '0029_peers': m0029_peers,
  '0030_areas': m0030_areas,
  '0031_alerts': m0031_alerts,
  '0032_cap_sources': m0032_cap_sources,
  '0033_federation_streams': m0033_federation_streams,
  '0034_public_alerts': m0034_public_alerts,
  '0035_audit_target': m0035_audit_target,
  '0036_received_items': m0036_received_items,
  '0042_subscribers': m0042_subscribers,
  '0044_organisation_changes': m0044_organisation_changes,
  '0049_received_decisions_and_sitreps': m0049_received_decisions_and_sitreps,
  '0040_alert_templates': m0040_alert_templates,
  '0041_alert_expiry': m0041_alert_expiry,
  '0045_alert_proposals': m0045_alert_proposals,
  '0048_peer_pending_keys': m0048_peer_pending_keys,
  '0047_paging': m0047_paging,
}
