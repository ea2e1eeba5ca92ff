import type { Dictionary } from './Dictionary.ts'

// `t('…')` accepts only keys of the dictionaries.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Dictionary }
  }
}
