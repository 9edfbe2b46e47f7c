// Three tiers (CONVENTIONS.md): unit tests need no I/O; integration and end-to-end tests run against the
// real local stack (Kafka, PostgreSQL, Redis, the SMTP catcher), which their global setup brings up.
// The faults project (test/faults, docs/faults.md) stops and restarts the machine's PostgreSQL, Redis, Kafka
// and SMTP catcher under load: it is a project only when asked for (`--selectProjects faults`, a path under
// test/faults, or LADDER_FAULTS=1), and then every test file runs alone. `npm test` runs it last, in band.
const faultsAsked =
  process.env.LADDER_FAULTS === '1' ||
  process.argv
    .slice(2)
    .some((arg) => arg === 'faults' || arg.endsWith('=faults') || /(^|\/)test\/faults|fault-spec/.test(arg));

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
    ...(faultsAsked
      ? [
          {
            ...shared,
            displayName: 'faults',
            testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
            globalSetup: '<rootDir>/test/setup/global-setup.ts',
            slowTestThreshold: 180,
          },
        ]
      : []),
  ],
  // Two cores: two test files at a time next to Kafka, PostgreSQL and Redis; fault tests one at a time.
  maxWorkers: faultsAsked ? 1 : 2,
  testTimeout: 120_000,
};
