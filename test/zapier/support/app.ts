import { createAppTester } from 'zapier-platform-core';
import App from '../../../zapier-app/src/index.js';

export const RELAY = 'https://relay.example.test';
export const API_KEY = 'fc_test_0123456789abcdef';

export const app = App;
export const appTester = createAppTester(App);

/** What a user enters when connecting FourthChat. */
export const authData = { apiKey: API_KEY, baseUrl: RELAY };
