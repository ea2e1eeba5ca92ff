/**
 * The simulated networks that stand in for operators in the demo and the tests: an SMSC
 * (SMPP 3.4), an SMTP sink, a Web Push endpoint and a broadcast centre.
 */
export * from './seededRandom.ts'
export * from './smsc/SimulatedSmsc.ts'
