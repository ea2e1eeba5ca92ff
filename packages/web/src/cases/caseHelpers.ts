import type { BePlanLevel, Doctrine, ScalingLevel } from '@liaison/core'
import type { GeoPointRecord, LogEntryRecord, Scaling } from '../api/casesApi.ts'
import { scalingLevels } from '@liaison/core'
import type { TFunction } from 'i18next'

/** A point as people read it: "50.7394° N, 5.6986° E". */
export function pointLabel(point: GeoPointRecord): string {
  const lat = `${Math.abs(point.lat).toFixed(4)}° ${point.lat < 0 ? 'S' : 'N'}`
  const lon = `${Math.abs(point.lon).toFixed(4)}° ${point.lon < 0 ? 'W' : 'E'}`
  return `${lat}, ${lon}`
}

/**
 * The point typed as a latitude and a longitude (a decimal comma allowed): null when both are
 * empty, 'invalid' when only one is given or either is out of range.
 */
export function pointFromInput(lat: string, lon: string): GeoPointRecord | null | 'invalid' {
  if (lat.trim() === '' && lon.trim() === '') return null
  if (lat.trim() === '' || lon.trim() === '') return 'invalid'
  const latitude = Number(lat.trim().replace(',', '.'))
  const longitude = Number(lon.trim().replace(',', '.'))
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return 'invalid'
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return 'invalid'
  return { lat: latitude, lon: longitude }
}

/** A title from the first words of a log entry's text (at most 8 words and 200 characters). */
export function titleFromText(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean)
  const title = words.slice(0, 8).join(' ')
  const trimmed = title.length > 200 ? title.slice(0, 200).trimEnd() : title
  return words.length > 8 ? `${trimmed}…` : trimmed
}

/** `entry` over `known` (the same entry): keeps what a live-stream copy leaves out. */
export function mergeEntry(known: LogEntryRecord, entry: LogEntryRecord): LogEntryRecord {
  return {
    ...known,
    ...entry,
    supersededBy: entry.supersededBy ?? known.supersededBy ?? null,
    attachments: entry.attachments ?? known.attachments ?? [],
  }
}

/** A case's scaling as its forms hold it (`ScalingFields`): no doctrine means no scaling. */
export interface ScalingChoice {
  readonly doctrine: Doctrine | ''
  readonly level: string
  readonly planLevel: BePlanLevel | ''
}

/** The scaling a case's form chose: null without a doctrine; a plan level for BE only. */
export function scalingOf(choice: ScalingChoice): Scaling | null {
  if (!choice.doctrine) return null
  return {
    doctrine: choice.doctrine,
    level: choice.level || scalingLevels[choice.doctrine][0],
    ...(choice.doctrine === 'BE' ? { planLevel: choice.planLevel || null } : {}),
  }
}

/** A case's scaling as its form holds it. */
export function scalingChoiceOf(scaling: Scaling | null): ScalingChoice {
  return {
    doctrine: scaling?.doctrine ?? '',
    level: scaling?.level ?? '',
    planLevel: scaling?.planLevel ?? '',
  }
}

/** A scaling's level as people say it: Belgium's phases in words, GRIP and Luxembourg's scale as they are written. */
export function scalingLevelLabel(t: TFunction, scaling: Scaling): string {
  return scaling.doctrine === 'BE' ? t(`bePhases.${scaling.level as ScalingLevel<'BE'>}`) : scaling.level
}
