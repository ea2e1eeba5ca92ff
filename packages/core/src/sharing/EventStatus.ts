/** Actual, exercise and test items never mix, on any node (a case's status, carried by its events). */
export const eventStatuses = ['actual', 'exercise', 'test'] as const
export type EventStatus = (typeof eventStatuses)[number]
