// Every test file's default per-test limit, scaled like every other time limit in the tests.
import { jest } from '@jest/globals';
import { scaledMs } from './time-scale.js';

/** Above waitFor's default deadline (10 s), so a test waiting in vain says what it waited for. */
const DEFAULT_TEST_TIMEOUT_MS = 15_000;

jest.setTimeout(scaledMs(DEFAULT_TEST_TIMEOUT_MS));
