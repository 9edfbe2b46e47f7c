import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The deployable apps: none imports another. */
const APPS = ['api', 'worker', 'cli'];
/** Import specifiers that reach into an app's sources. */
const appSource = (app) => [`**/${app}/src`, `**/${app}/src/**`];
const NO_APP_IN_A_LIBRARY = 'A library never imports an app; deploy/server composes processes from apps.';
const NO_PERSISTENCE_IN_CONTRACTS = 'libs/contracts defines wire formats: it never imports persistence.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.ladder/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Nest injects constructor parameters by their emitted type: such imports are values, not types.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The operations UI: plain browser modules, served as they are.
    files: ['apps/api/ui/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'localStorage', 'fetch', 'URLSearchParams', 'Node', 'Intl'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
  {
    // The domain is pure: no framework, database, broker or queue in it (CONVENTIONS.md).
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'kafkajs',
                'bullmq',
                'ioredis',
                'pg',
                'nodemailer',
                'node:*',
                '#*',
              ],
              message: 'libs/domain is pure: no I/O and no framework.',
            },
          ],
        },
      ],
    },
  },
  // Where code may depend on what (CONVENTIONS.md, "Where code lives"); test/code-boundaries.spec.ts shows
  // each rule failing on a file that breaks it.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.{ts,js}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: APPS.filter((other) => other !== app).flatMap(appSource),
              message:
                'An app never imports another app: share through a library; deploy/server composes processes.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '#server', message: NO_APP_IN_A_LIBRARY }],
          patterns: [{ group: ['**/apps/**', ...APPS.flatMap(appSource)], message: NO_APP_IN_A_LIBRARY }],
        },
      ],
    },
  },
  {
    // Wire formats are written once, with no knowledge of how anything is stored.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '#persistence', message: NO_PERSISTENCE_IN_CONTRACTS },
            { name: 'typeorm', message: NO_PERSISTENCE_IN_CONTRACTS },
            { name: 'pg', message: NO_PERSISTENCE_IN_CONTRACTS },
            { name: '#server', message: NO_APP_IN_A_LIBRARY },
          ],
          patterns: [
            { group: ['**/persistence/**'], message: NO_PERSISTENCE_IN_CONTRACTS },
            { group: ['**/apps/**', ...APPS.flatMap(appSource)], message: NO_APP_IN_A_LIBRARY },
          ],
        },
      ],
    },
  },
  {
    // Dropping databases, deleting topics and obliterating queues is for tests and the demo's reset only.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'deploy/**/*.ts'],
    ignores: ['libs/testing/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/DROP\\s+DATABASE/i], TemplateElement[value.raw=/DROP\\s+DATABASE/i]',
          message: 'Only libs/testing drops databases.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(obliterate|deleteTopics|deleteGroups)$/]',
          message: 'Only libs/testing removes topics, consumer groups and queues.',
        },
      ],
    },
  },
  {
    // Only the entry points read process.env; everything else gets the validated configuration.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [
      'apps/*/src/main.ts',
      'apps/cli/src/commands/**',
      'libs/testing/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through LadderConfig.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
