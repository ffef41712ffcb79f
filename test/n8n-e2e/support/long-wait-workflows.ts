// The workflows of issue 23's end-to-end scenarios: a version 2 trigger that heals after n8n was
// down, and a Send Message that waits past the relay's sync window.
import { sendMessageNode, type TriggerVariant } from './workflows.js';

/** (e) "FourthChat Trigger (version 2) → Report" on a connection of its own. */
export const HELD_TRIGGER: TriggerVariant = {
  id: 'fcE2eTriggerHeld',
  name: 'FourthChat e2e: on AI reply, held while n8n is down',
  nodeName: 'On AI Reply (v2)',
  webhookId: '5c2e9a7d-1f3b-4d6a-8e0c-7b9d2f4a6c81',
  version: 2,
  events: ['ai.response'],
};

export const SLOW_WEBHOOK_PATH = 'fourthchat-e2e-slow';

/**
 * (f) Webhook → FourthChat Send Message (Timeout 3 minutes) → Report: `{ executionId, reply }`
 * to `reportUrl`, so the test sees that the reply came back in the execution that sent it.
 */
export function slowReplyWorkflow(connectionId: string, reportUrl: string) {
  return {
    id: 'fcE2eSlowReply',
    name: 'FourthChat e2e: a reply slower than the sync window',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: 'start',
        name: 'Start',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: '9d4b7e21-3c6a-4f8e-b1d0-5a2c8e7f9b34',
        parameters: {
          httpMethod: 'POST',
          path: SLOW_WEBHOOK_PATH,
          responseMode: 'onReceived',
          options: {},
        },
      },
      sendMessageNode(
        connectionId,
        {
          message: '={{ $json.body.message }}',
          userId: 'e2e-slow-user',
          timeoutSeconds: 3,
          timeoutUnit: 'minutes',
        },
        [240, 0],
      ),
      {
        id: 'report',
        name: 'Report',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.2,
        position: [480, 0],
        parameters: {
          method: 'POST',
          url: reportUrl,
          sendBody: true,
          specifyBody: 'json',
          jsonBody: '={{ JSON.stringify({ executionId: $execution.id, reply: $json }) }}',
          options: {},
        },
      },
    ],
    connections: {
      Start: { main: [[{ node: 'Send Message', type: 'main', index: 0 }]] },
      'Send Message': { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
    },
  };
}
