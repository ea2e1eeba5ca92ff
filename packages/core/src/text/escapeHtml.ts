/** Text made safe for HTML content and quoted attribute values: `& < > " '` as references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlReferences[c as keyof typeof htmlReferences])
}

const htmlReferences = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as const
