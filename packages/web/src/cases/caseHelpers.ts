import type { GeoPointRecord, LogEntryRecord } from '../api/casesApi.ts'

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

/** A file size as people read it: "512 B", "12 KB", "3.4 MB". */
export function sizeLabel(size: number): { key: 'sizeB' | 'sizeKb' | 'sizeMb'; size: string } {
  if (size < 1024) return { key: 'sizeB', size: String(size) }
  if (size < 1024 * 1024) return { key: 'sizeKb', size: String(Math.max(1, Math.round(size / 1024))) }
  return { key: 'sizeMb', size: (size / (1024 * 1024)).toFixed(1) }
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
