import type { PlainInputField } from 'zapier-platform-core';

/** Key of the hidden trigger that lists the workspace's connections for dropdowns. */
export const CONNECTION_LIST_KEY = 'connectionList';

/** The connection a step works on, picked from the workspace's connections. */
export const connectionField = {
  key: 'connectionId',
  label: 'Connection',
  required: true,
  dynamic: `${CONNECTION_LIST_KEY}.id.name`,
  helpText: "The chatbot's Custom Webhook connection (Chatbot → Connections in FourthChat).",
} as const satisfies PlainInputField;
