export * from './capNamespaces.ts'
export * from './readCap.ts'
export * from './writeCap.ts'
export * from './validateCapXsd.ts'
