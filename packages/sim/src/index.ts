/**
 * The simulated networks that stand in for operators in the demo and the tests: an SMSC
 * (SMPP 3.4), an SMTP sink, a Web Push endpoint and a broadcast centre.
 */
export * from './smtp/SmtpSink.ts'
export * from './smtp/parseMailMessage.ts'
export * from './push/PushEndpoint.ts'
export * from './push/decryptAes128gcm.ts'
export * from './push/verifyVapid.ts'
export * from './seededRandom.ts'
export * from './smsc/SimulatedSmsc.ts'
export * from './broadcast/SimulatedBroadcastCentre.ts'
export * from './broadcast/cellGrid.ts'
export * from './broadcast/readCapMinimal.ts'
export * from './page/simulatorPage.ts'
export * from './page/startSimulatorPage.ts'
