// The n8n end-to-end test runs apart from `npm test` (it needs a 3 GB n8n install): the root's ESM
// e2e project (the embedded-store setup included), pointed at test/n8n-e2e. Run it with
// `npm run test:e2e:n8n`.
import root from '../../jest.config.js';

const e2e = root.projects.find((project) => project.displayName === 'e2e');

export default {
  ...e2e,
  rootDir: '../..',
  reporters: root.reporters,
  displayName: 'n8n-e2e',
  testMatch: ['<rootDir>/test/n8n-e2e/**/*.test.ts'],
  testTimeout: 300_000,
};
