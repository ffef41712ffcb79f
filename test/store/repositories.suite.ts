// One suite for the store's repositories (relay/src/store), run against every implementation
// (agenda v6's shape): memory, a file-backed embedded store, and MONGODB_URL. It covers every
// method, and the guarantees that hold under concurrent callers: of many claiming or leasing
// at once one wins, a held lease or claim excludes, counters stay exact, and a unique key
// refuses the duplicates of a race. (contract.suite.ts is the raw driver's contract.)
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Store } from '../../relay/src/store/store.js';
import { chatbotTests } from './repositories/chatbots.js';
import { connectionTests } from './repositories/connections.js';
import { conversationTests } from './repositories/conversations.js';
import { deliveryQueryTests } from './repositories/delivery-queries.js';
import { deliveryTests } from './repositories/deliveries.js';
import type { StoreBackend } from './repositories/fixtures.js';
import { keyAndRecordTests } from './repositories/keys-and-records.js';
import { messageTests } from './repositories/messages.js';
import { subscriptionTests } from './repositories/subscriptions.js';
import { targetHealthTests } from './repositories/target-health.js';
import { workspaceTests } from './repositories/workspaces.js';

export type { StoreBackend };

export function repositorySuite(backend: StoreBackend): void {
  describe(`the store's repositories on ${backend.name}`, () => {
    let opened: Store | undefined;
    const store = () => {
      if (!opened) throw new Error('the store did not open');
      return opened;
    };
    beforeAll(async () => {
      opened = await backend.open();
    });
    afterAll(async () => {
      if (opened) await backend.close(opened);
    });

    test('it answers', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });
    workspaceTests(store, backend);
    chatbotTests(store);
    connectionTests(store, backend);
    subscriptionTests(store);
    conversationTests(store);
    messageTests(store);
    deliveryTests(store);
    deliveryQueryTests(store);
    keyAndRecordTests(store);
    targetHealthTests(store);
  });
}
