import { WorkflowExecute, ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
it('loads', () => {
  expect(typeof WorkflowExecute).toBe('function');
  expect(typeof ExecutionLifecycleHooks).toBe('function');
  expect(typeof HookContext).toBe('function');
  expect(typeof WebhookContext).toBe('function');
});
