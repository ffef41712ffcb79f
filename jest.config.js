// One jest run for every package. The relay and shared are ESM (Agenda 6 is
// ESM-only and jest's CommonJS runtime cannot require ESM), so their projects
// run as native ESM under --experimental-vm-modules; the n8n and Zapier
// packages are CommonJS, as n8n and Zapier load them.
const swcEsm = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
];
const swcCjs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

const esmProject = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swcEsm },
  moduleNameMapper: {
    '^@fourthchat/shared$': '<rootDir>/shared/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  ...extra,
});

const cjsProject = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcCjs },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  ...extra,
});

export default {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  coverageProvider: 'v8',
  collectCoverageFrom: ['<rootDir>/shared/src/**/*.ts'],
  coverageThreshold: { './shared/src/': { lines: 95 } },
  coverageReporters: ['text-summary'],
  projects: [
    esmProject('shared'),
    esmProject('store'),
    esmProject('relay'),
    cjsProject('n8n'),
    cjsProject('zapier'),
    esmProject('e2e'),
    // The connections page in real headless Chromium, against a real relay.
    esmProject('web'),
    // Fault injection: crashes, store outages, hostile receivers and input (npm run soak: bigger).
    esmProject('reliability'),
  ],
};
