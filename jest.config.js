// Three tiers (CONVENTIONS.md): unit tests need no I/O; integration and end-to-end tests run against the
// real local stack (Kafka, PostgreSQL, Redis, the SMTP catcher), which their global setup brings up.
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // Tests read the TypeScript sources of the libraries through the package's `ladder-source` condition.
  testEnvironmentOptions: { customExportConditions: ['ladder-source', 'node', 'node-addons'] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  setupFiles: ['reflect-metadata'],
};

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,deploy,test}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,deploy,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      slowTestThreshold: 30,
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      slowTestThreshold: 60,
    },
  ],
  // Two cores: two test files at a time next to Kafka, PostgreSQL and Redis.
  maxWorkers: 2,
  testTimeout: 120_000,
};
