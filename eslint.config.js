import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
