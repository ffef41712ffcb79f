// The workflows of the n8n end-to-end scenarios, as a user would import them.

export const CREDENTIAL = { id: 'fourthchatE2E001', name: 'FourthChat (e2e)' };

/** The workflows' first node: started by hand (or by \`n8n execute\`). */
const MANUAL_TRIGGER = {
  id: 'manual',
  name: 'Manual',
  type: 'n8n-nodes-base.manualTrigger',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

export function fourthChatCredential(baseUrl: string, apiKey: string) {
  return { ...CREDENTIAL, type: 'fourthChatApi', data: { baseUrl, apiKey } };
}

const credentials = { fourthChatApi: CREDENTIAL };

function connectionById(connectionId: string) {
  return { __rl: true, mode: 'id', value: connectionId };
}

/** A FourthChat Send Message node waiting for the reply, as the workflows below place it. */
export function sendMessageNode(
  connectionId: string,
  parameters: Record<string, unknown>,
  position: [number, number],
) {
  return {
    id: 'send',
    name: 'Send Message',
    type: 'n8n-nodes-fourthchat.fourthChat',
    typeVersion: 1,
    position,
    parameters: {
      resource: 'message',
      operation: 'send',
      connectionId: connectionById(connectionId),
      waitForReply: true,
      timeoutSeconds: 20,
      ...parameters,
    },
    credentials,
  };
}

/** (a) Manual → FourthChat Send Message, waiting for the reply. */
export function sendMessageWorkflow(connectionId: string, message: string) {
  return {
    id: 'fcE2eSendMessage1',
    name: 'FourthChat e2e: send message',
    active: false,
    settings: {},
    nodes: [
      MANUAL_TRIGGER,
      sendMessageNode(connectionId, { message, userId: 'e2e-user' }, [240, 0]),
    ],
    connections: { Manual: { main: [[{ node: 'Send Message', type: 'main', index: 0 }]] } },
  };
}

export const TRIGGER_WEBHOOK_ID = '3f6c2a8e-5b1d-4e7a-9c3f-1d2e4b6a8c0f';

/** One published "FourthChat Trigger → Report" workflow: which trigger, on which event. */
export interface TriggerVariant {
  id: string;
  name: string;
  nodeName: string;
  webhookId: string;
  /** The trigger's Event parameter (version 1); absent as in workflows saved before it existed. */
  event?: string;
  /** The node's version (1 unless given) and, for version 2, its Events. */
  version?: number;
  events?: string[];
}

/** (b) On every AI reply, with the trigger as saved before the Event option existed. */
export const REPLY_TRIGGER: TriggerVariant = {
  id: 'fcE2eTriggerReply',
  name: 'FourthChat e2e: on AI reply',
  nodeName: 'On AI Reply',
  webhookId: TRIGGER_WEBHOOK_ID,
};

/** (d) On every failed delivery: the Slack alert recipe, reporting instead of posting to Slack. */
export const DELIVERY_FAILED_TRIGGER: TriggerVariant = {
  id: 'fcE2eTriggerFailed',
  name: 'FourthChat e2e: on delivery failed',
  nodeName: 'On Delivery Failed',
  webhookId: '8b1e4d2c-7a3f-4c6e-9d0b-2f5a7c9e1b3d',
  event: 'delivery.failed',
};

/** FourthChat Trigger → HTTP Request that reports each run's item to `reportUrl`. */
export function triggerWorkflow(
  connectionId: string,
  reportUrl: string,
  variant: TriggerVariant = REPLY_TRIGGER,
) {
  return {
    id: variant.id,
    name: variant.name,
    active: false,
    settings: {},
    nodes: [
      {
        id: 'trigger',
        name: variant.nodeName,
        type: 'n8n-nodes-fourthchat.fourthChatTrigger',
        typeVersion: variant.version ?? 1,
        position: [0, 0],
        webhookId: variant.webhookId,
        parameters: {
          connectionId: connectionById(connectionId),
          ...(variant.event === undefined ? {} : { event: variant.event }),
          ...(variant.events === undefined ? {} : { events: variant.events }),
        },
        credentials,
      },
      {
        id: 'report',
        name: 'Report',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.2,
        position: [240, 0],
        parameters: {
          method: 'POST',
          url: reportUrl,
          sendBody: true,
          specifyBody: 'json',
          jsonBody: '={{ JSON.stringify($json) }}',
          options: {},
        },
      },
    ],
    connections: { [variant.nodeName]: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
  };
}

/**
 * (c) Manual → two messages → Loop Over Items (one per pass) → FourthChat Send Message → back to
 * the loop: the node runs twice in one execution, once per message.
 */
export function loopWorkflow(connectionId: string, messages: readonly string[]) {
  return {
    id: 'fcE2eSendInALoop',
    name: 'FourthChat e2e: send in a loop',
    active: false,
    settings: {},
    nodes: [
      MANUAL_TRIGGER,
      {
        id: 'messages',
        name: 'Messages',
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        position: [200, 0],
        parameters: { mode: 'raw', jsonOutput: JSON.stringify({ messages }), options: {} },
      },
      {
        id: 'split',
        name: 'One Item Each',
        type: 'n8n-nodes-base.splitOut',
        typeVersion: 1,
        position: [400, 0],
        parameters: { fieldToSplitOut: 'messages', options: {} },
      },
      {
        id: 'loop',
        name: 'Loop Over Items',
        type: 'n8n-nodes-base.splitInBatches',
        typeVersion: 3,
        position: [600, 0],
        parameters: { batchSize: 1, options: {} },
      },
      sendMessageNode(
        connectionId,
        { message: '={{ $json.messages }}', userId: 'e2e-loop-user' },
        [800, 100],
      ),
    ],
    connections: {
      Manual: { main: [[{ node: 'Messages', type: 'main', index: 0 }]] },
      Messages: { main: [[{ node: 'One Item Each', type: 'main', index: 0 }]] },
      'One Item Each': { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
      // Output 0 is "done", output 1 is "loop".
      'Loop Over Items': { main: [[], [{ node: 'Send Message', type: 'main', index: 0 }]] },
      'Send Message': { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
    },
  };
}
