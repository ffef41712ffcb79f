import { createAppTester } from 'zapier-platform-core';
import App from '../../../zapier-app/src/index.js';

export const RELAY = 'https://relay.example.test';
export const API_KEY = 'fc_test_0123456789abcdef';

export const app = App;
// Outside Zapier's lambda the core would patch node's http/https and fetch for the whole jest
// worker (and never undo it), breaking every later test file that sends HTTP itself.
export const appTester = createAppTester({ ...App, flags: { ...App.flags, skipHttpPatch: true } });

/** What a user enters when connecting FourthChat. */
export const authData = { apiKey: API_KEY, baseUrl: RELAY };
