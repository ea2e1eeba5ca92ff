/** What a record of the contact directory describes. */
export const contactKinds = ['point-of-contact', 'person', 'building', 'infrastructure'] as const
export type ContactKind = (typeof contactKinds)[number]
