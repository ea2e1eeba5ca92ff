// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const ioModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'os',
  'pg',
  'kysely',
  '@electric-sql/*',
  'fastify',
  '@fastify/*',
  'pino',
  'nats',
  '@nats-io/*',
]

/** Files outside store/ that still hold queries; the list only shrinks (http/ and actions/ hold none). */
/**
 * The benchmarks' baselines (bare inserts, the minimal route's own tables, the bulk fixtures they
 * measure against) are written beside the store on purpose: a baseline must not go through it.
 */
const benchBaselines = [
  'packages/server/src/bench/benchActions.ts',
  'packages/server/src/bench/benchAuthFlood.ts',
  'packages/server/src/bench/benchConcurrentWrites.ts',
  'packages/server/src/bench/benchLogPages.ts',
]

const queriesInStore =
  'queries live under packages/server/src/store/: call a function of the store module of that table (decision 019)'

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'packages/cli/bin/*.js', 'scripts/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // core is the pure domain: no I/O, no clock, no environment
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'packages/core is pure: pass I/O in as a parameter (see STYLE.md)' },
            { group: ['@liaison/*'], message: 'core imports nothing of ours' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core reads no environment' },
        { name: 'fetch', message: 'core does no I/O' },
        { name: 'setTimeout', message: 'core has no clock' },
        { name: 'setInterval', message: 'core has no clock' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core has no clock: take `at` as a parameter',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core has no clock: take `at` as a parameter',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'core has no randomness: take it as a parameter',
        },
      ],
    },
  },
  {
    // formats: strings and bytes in and out, like core
    files: ['packages/formats/src/**/*.ts'],
    ignores: ['packages/formats/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'packages/formats does no I/O' },
            {
              group: ['@liaison/server', '@liaison/cli', '@liaison/web'],
              message: 'formats imports core only',
            },
          ],
        },
      ],
    },
  },
  {
    // wire: the request and answer schemas, shared by the server (to validate) and the web (its types)
    files: ['packages/wire/src/**/*.ts'],
    ignores: ['packages/wire/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'packages/wire does no I/O: it runs in the browser too' },
            {
              group: ['@liaison/server', '@liaison/cli', '@liaison/web', '@liaison/formats'],
              message: 'wire imports core only',
            },
          ],
        },
      ],
    },
  },
  {
    // sim: the simulated networks, for the tests and the demo; the server never imports it
    files: ['packages/sim/src/**/*.ts'],
    ignores: ['packages/sim/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@liaison/server', '@liaison/cli', '@liaison/web', '@liaison/wire', '@liaison/formats'],
              message: 'sim imports core only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/http/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@liaison/cli', '@liaison/web', '@liaison/sim'],
              message: 'server imports core, wire and formats only',
            },
          ],
        },
      ],
    },
  },
  {
    // a route takes its request and answer schemas from @liaison/wire: it writes none of its own
    files: ['packages/server/src/http/routes/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@liaison/cli', '@liaison/web', '@liaison/sim'],
              message: 'server imports core, wire and formats only',
            },
            {
              group: ['typebox', '@sinclair/typebox'],
              allowTypeImports: true,
              message:
                'define request and answer schemas in packages/wire (one per wire type), not in a route',
            },
          ],
        },
      ],
    },
  },
  {
    // web: core's values and types (core is pure and runs in the browser), wire's types only (the
    // server validates with the schemas; the browser needs only their static types)
    files: ['packages/web/src/**/*.ts', 'packages/web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ioModules,
              message: 'the web application runs in the browser: no Node.js or server modules',
            },
            {
              group: ['@liaison/server', '@liaison/cli', '@liaison/formats'],
              message: 'the web imports core and wire only',
            },
            {
              group: ['@liaison/wire', 'typebox'],
              allowTypeImports: true,
              message: 'the web takes only the static types of the wire schemas (import type)',
            },
          ],
        },
      ],
    },
  },
  {
    // each API answer and request is the static type of its wire schema: no shapes written by hand
    files: ['packages/web/src/api/**/*.ts'],
    ignores: ['packages/web/src/api/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSInterfaceDeclaration',
          message: 'declare no API shape here: use `Static<typeof X>` of X in @liaison/wire (add it there)',
        },
        {
          selector: 'TSTypeAliasDeclaration > TSTypeLiteral',
          message: 'declare no API shape here: use `Static<typeof X>` of X in @liaison/wire (add it there)',
        },
      ],
    },
  },
  {
    // queries live under packages/server/src/store/ (one module per table or aggregate); actions
    // apply core's rules and call the store, routes parse, act and present (decision 019)
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/store/**', 'packages/server/src/**/*.test.ts', ...benchBaselines],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', importNames: ['sql'], message: queriesInStore }],
          patterns: [
            {
              group: ['@liaison/cli', '@liaison/web', '@liaison/sim'],
              message: 'server imports core, wire and formats only',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]',
          message: queriesInStore,
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
