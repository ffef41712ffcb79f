// Run instead of the browser tests when `npm test`'s preparation found no browser: one
// failure whose whole message says what to install.
import { test } from '@jest/globals';

test('a browser for the browser tests', () => {
  const missing = new Error(process.env.TEST_BROWSER_MISSING ?? 'no browser found');
  missing.stack = missing.message;
  throw missing;
});
