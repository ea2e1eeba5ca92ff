export * from './icalendar/icalendar.ts'
