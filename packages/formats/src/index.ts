export * from './icalendar/icalendar.ts'
export * from './cap/index.ts'
