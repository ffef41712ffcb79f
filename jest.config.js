// One jest run for every package. The relay and shared are ESM (Agenda 6 is
// ESM-only and jest's CommonJS runtime cannot require ESM), so their projects
// run as native ESM under --experimental-vm-modules; the n8n and Zapier
// packages are CommonJS, as n8n and Zapier load them.
import { readdirSync, readFileSync } from 'node:fs';
import { recordedBrowser } from './scripts/browser/ensure.mjs';

/**
 * The embedded store (Java) for the projects whose tests talk to the real store: set per project,
 * jest starts it only when a run has tests of such a project (one store for all of them), so
 * `--selectProjects relay` runs without Java.
 */
const withStore = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
};

const swcEsm = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
];
const swcCjs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/** Builds and checkouts kept under .cache/ (the bench's baselines) are not this tree's modules. */
const modulePathIgnorePatterns = ['<rootDir>/.cache/'];

const esmProject = (name, extra = {}) => ({
  displayName: name,
  modulePathIgnorePatterns,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swcEsm },
  moduleNameMapper: {
    '^@fourthchat/shared$': '<rootDir>/shared/src/index.ts',
    '^@fourthchat/embedded-store$': '<rootDir>/embedded-store/node/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout.ts'],
  ...extra,
});

const cjsProject = (name, extra = {}) => ({
  displayName: name,
  modulePathIgnorePatterns,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcCjs },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout.ts'],
  ...extra,
});

/**
 * The browser `npm test`'s preparation found reaches test/web/browser.ts as CHROMIUM_PATH.
 * Without one, the test files that launch it are left out and a single check fails with the
 * one line saying what to install, instead of every browser test failing with a stack trace.
 */
function webProjectOptions() {
  const browser = recordedBrowser();
  if (browser?.path) process.env.CHROMIUM_PATH ??= browser.path;
  if (!browser?.missing) return {};
  process.env.TEST_BROWSER_MISSING = browser.missing;
  const webTests = new URL('./test/web/', import.meta.url);
  const launchesBrowser = readdirSync(webTests).filter(
    (file) =>
      file.endsWith('.test.ts') &&
      readFileSync(new URL(file, webTests), 'utf8').includes("from './browser.js'"),
  );
  return {
    testMatch: ['<rootDir>/test/web/**/*.test.ts', '<rootDir>/test/web/browser-missing.check.ts'],
    testPathIgnorePatterns: [
      '/node_modules/',
      ...launchesBrowser.map((file) => `/test/web/${file}$`),
    ],
  };
}

export default {
  coverageProvider: 'v8',
  collectCoverageFrom: ['<rootDir>/shared/src/**/*.ts'],
  coverageThreshold: { './shared/src/': { lines: 95 } },
  coverageReporters: ['text-summary'],
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.mjs'],
  projects: [
    esmProject('shared'),
    esmProject('store', withStore),
    // The relay's logic on the memory store and the in-process jobs: no Java.
    esmProject('relay'),
    // The relay on the real store: store commands counted, documents read raw, Agenda, relay
    // processes (main.ts runs on MongoDB).
    esmProject('integration', withStore),
    // n8n-core in the tests drives the nodes; both must load the one n8n-workflow the nodes are
    // built against, so that n8n's errors and classes are the same ones (instanceof).
    cjsProject('n8n', {
      ...withStore,
      setupFiles: ['<rootDir>/test/n8n/support/n8n-env.ts'],
      moduleNameMapper: {
        '^(\\.{1,2}/.*)\\.js$': '$1',
        '^n8n-workflow$': '<rootDir>/n8n-nodes/node_modules/n8n-workflow',
      },
    }),
    cjsProject('zapier', withStore),
    esmProject('e2e', withStore),
    // The connections page in real headless Chromium, against a real relay.
    esmProject('web', { ...withStore, ...webProjectOptions() }),
    // Fault injection: crashes, store outages, hostile receivers and input (npm run soak: bigger).
    esmProject('reliability', withStore),
  ],
};
