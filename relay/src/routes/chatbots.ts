import { z } from 'zod';
import type { RelayServices } from './services.js';
import { ownedOr404 } from '../http/owned.js';
import { chatbotView } from '../presenters/chatbots.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import type { Chatbot } from '../model/chatbot.js';
import { deleteChatbot } from '../workspaces/delete-chatbot.js';
import { chatbot, idParams, listOf } from './schemas.js';

const fields = {
  name: z.string().trim().min(1).max(200),
  systemPrompt: z.string().max(20_000),
  model: z.string().trim().min(1).max(200),
  temperature: z.number().min(0).max(2),
  historyLimit: z.number().int().min(0).max(200),
};

export function chatbotRoutes({ deps }: RelayServices): RouteSpec[] {
  const { store, clock, ids } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/chatbots',
      summary: "The workspace's chatbots",
      tag: 'Chatbots',
      responses: { 200: listOf(chatbot) },
      async handler({ principal }) {
        const docs = await store.chatbots.list(principal.workspaceId);
        return { status: 200, body: { data: docs.map(chatbotView) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/chatbots',
      summary: 'Create a chatbot',
      tag: 'Chatbots',
      body: z.strictObject({
        name: fields.name,
        systemPrompt: fields.systemPrompt.default('You are a helpful assistant.'),
        model: fields.model.optional(),
        temperature: fields.temperature.default(0.7),
        historyLimit: fields.historyLimit.default(20),
      }),
      responses: { 201: chatbot },
      async handler({ principal, body }) {
        const now = clock.now();
        const doc: Chatbot = {
          id: ids.next('bot'),
          workspaceId: principal.workspaceId,
          name: body.name,
          systemPrompt: body.systemPrompt,
          model: body.model ?? deps.settings.defaultModel,
          temperature: body.temperature,
          historyLimit: body.historyLimit,
          createdAt: now,
          updatedAt: now,
        };
        await store.chatbots.insert(doc);
        return { status: 201, body: chatbotView(doc) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/chatbots/:id',
      summary: 'One chatbot',
      tag: 'Chatbots',
      params: idParams,
      responses: { 200: chatbot },
      async handler({ principal, params }) {
        const doc = await ownedOr404(
          store.chatbots.owned(params.id, principal.workspaceId),
          'Chatbot',
        );
        return { status: 200, body: chatbotView(doc) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/chatbots/:id',
      summary: 'Change a chatbot',
      tag: 'Chatbots',
      params: idParams,
      body: z.strictObject({
        name: fields.name.optional(),
        systemPrompt: fields.systemPrompt.optional(),
        model: fields.model.optional(),
        temperature: fields.temperature.optional(),
        historyLimit: fields.historyLimit.optional(),
      }),
      responses: { 200: chatbot },
      async handler({ principal, params, body }) {
        // Only the fields given. `unknown`, as Object.entries' type leaves out that an optional
        // field's value may be undefined.
        const changes = Object.fromEntries(
          Object.entries<unknown>(body).filter(([, v]) => v !== undefined),
        );
        const doc = await ownedOr404(
          store.chatbots.update(params.id, principal.workspaceId, changes, clock.now()),
          'Chatbot',
        );
        return { status: 200, body: chatbotView(doc) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/chatbots/:id',
      summary:
        'Delete a chatbot and its connections; messages still waiting for its reply are failed (the answer counts them)',
      tag: 'Chatbots',
      params: idParams,
      responses: { 200: z.object({ id: z.string(), failedMessages: z.number() }) },
      async handler({ principal, params }) {
        const chatbot = await ownedOr404(
          store.chatbots.owned(params.id, principal.workspaceId),
          'Chatbot',
        );
        const { failedMessages } = await deleteChatbot(deps, { chatbot });
        return { status: 200, body: { id: chatbot.id, failedMessages } };
      },
    }),
  ];
}
