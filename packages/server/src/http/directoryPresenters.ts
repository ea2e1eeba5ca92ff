import type { FeatureKind, Geometry, MapFeature } from '@liaison/core'
import { isContactStale } from '@liaison/core'
import type { ContactBody, FeatureCollectionBody, MapFeatureBody } from '@liaison/wire'
import type { Static } from 'typebox'
import type { pageContacts } from '../store/directory/directoryRows.ts'

/** A map feature as the API shows it. */
export const presentFeature = (f: MapFeature): Static<typeof MapFeatureBody> => ({
  ...f,
  updatedAt: f.updatedAt.toISOString(),
})

/** Map feature rows as a GeoJSON FeatureCollection. */
export const featureCollection = (
  rows: {
    id: string
    case_id: string
    org_id: string
    kind: string
    label: string
    geometry: unknown
    version: number
  }[],
): Static<typeof FeatureCollectionBody> => ({
  type: 'FeatureCollection' as const,
  features: rows.map((r) => ({
    type: 'Feature' as const,
    id: r.id,
    // as the node stored them: checked by parseGeometry and the feature kinds when written
    geometry: r.geometry as Geometry,
    properties: {
      caseId: r.case_id,
      orgId: r.org_id,
      kind: r.kind as FeatureKind,
      label: r.label,
      version: r.version,
    },
  })),
})

type ContactRow = Awaited<ReturnType<typeof pageContacts>>[number]

/** A directory record as the API shows it; `today` (a Brussels date) decides whether it is stale. */
export const presentContact = (r: ContactRow, today: string): Static<typeof ContactBody> => ({
  id: r.id,
  ownerOrgId: r.owner_org_id,
  kind: r.kind,
  name: r.name,
  role: r.role,
  organisationName: r.organisation_name,
  region: r.region,
  phones: r.phones,
  emails: r.emails,
  address: r.address,
  location: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
  available247: r.available_24_7,
  revalidateBy: r.revalidate_by,
  stale: isContactStale(r.revalidate_by, today),
  updatedAt: r.updated_at.toISOString(),
})
