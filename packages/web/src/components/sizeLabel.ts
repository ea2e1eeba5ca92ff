/** A file size as people read it: "512 B", "12 KB", "3.4 MB" (the key names the unit in the `files` dictionary section). */
export function sizeLabel(size: number): { key: 'sizeB' | 'sizeKb' | 'sizeMb'; size: string } {
  if (size < 1024) return { key: 'sizeB', size: String(size) }
  if (size < 1024 * 1024) return { key: 'sizeKb', size: String(Math.max(1, Math.round(size / 1024))) }
  return { key: 'sizeMb', size: (size / (1024 * 1024)).toFixed(1) }
}
