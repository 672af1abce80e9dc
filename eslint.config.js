// Lint: typescript-eslint (type-aware) plus import rules that keep the layers apart.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SERVER_ONLY = ['**/server/**', '../server/*', 'kysely', 'pg', '@electric-sql/*', 'fastify', 'node:*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.tmp/**', 'bench/results/**', 'bin/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only src/server/config reads process.env.' },
      ],
    },
  },
  {
    files: ['src/server/config/**', 'test/**', 'bench/**', 'vitest.config.ts', 'vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Pure rules: no database, no HTTP, no environment, no I/O.
    files: ['src/server/**/rules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['kysely', 'pg', '@electric-sql/*', 'fastify', '@fastify/*', 'node:*'], message: 'Pure rules do no I/O.' },
            { group: ['**/repository*', '**/service*', '**/routes*', '**/db/database*', '**/config/**', '**/http/**'], message: 'Pure rules depend on nothing but other rules and types.' },
          ],
        },
      ],
    },
  },
  {
    // Routes are thin: they call services, never repositories or SQL.
    files: ['src/server/**/routes.ts', 'src/server/**/*-routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/repository*', '**/db/database*'], message: 'Routes call services; only repositories query.' },
            { group: ['kysely'], allowTypeImports: true, message: 'Routes do not build SQL.' },
          ],
        },
      ],
    },
  },
  {
    // Services do not know HTTP.
    files: ['src/server/**/service.ts', 'src/server/**/*-service.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['fastify', '@fastify/*', '**/http/**'], message: 'Services do not know HTTP.' }] },
      ],
    },
  },
  {
    // The web app talks to the server only through the API.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: false, project: ['./tsconfig.web.json'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: SERVER_ONLY, message: 'The web app talks to the server only through the API.' }] },
      ],
    },
  },
  {
    // The one exception: the compile-time contract reads the types of the server's response
    // schemas (zod-only modules), and only their types, which leave nothing in the bundle.
    files: ['src/web/api/server-contract.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            // A type-only import matching a pattern that allows types is let through whole.
            { group: ['**/server/*/schemas'], allowTypeImports: true, message: 'The contract takes only types from the response schemas.' },
            { group: SERVER_ONLY, message: 'The contract reads only the types of the response-schema modules (server/<capability>/schemas).' },
          ],
        },
      ],
    },
  },
);
