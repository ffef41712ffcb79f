import type { Connection, Subscription } from '@fourthchat/shared';
import type { PageContext } from '../context.js';
import { focusTarget, h, replaceChildren } from '../dom.js';
import { formatDateTime } from '../format.js';
import { button, whileBusy } from '../ui/button.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import { disclosure } from '../ui/disclosure.js';
import { connectionForm } from './connection-form.js';
import { secretReveal } from './secret-reveal.js';
import { testResultView } from './test-result.js';

export interface ConnectionActionsOptions {
  current: () => Connection;
  changed(connection: Connection): void;
  subscriptions: () => readonly Subscription[];
  /** After a test: its deliveries are in the log now. */
  tested(): void;
}

/** Test, Edit, Disable/Enable, Rotate secret, Delete — and where their results appear. */
export function connectionActions(ctx: PageContext, options: ConnectionActionsOptions) {
  const { current } = options;
  // A live region present from the start, so the result is read out when it arrives.
  const testOutput = h('div', {
    className: 'result',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const secretOutput = h('div');
  const failure = h('p', { className: 'form-error', attrs: { role: 'alert', hidden: true } });
  // Every action clears the previous failure and shows its own at the top of the panels.
  const act = (task: () => Promise<unknown>) => () => {
    failure.hidden = true;
    task().catch((error: unknown) => {
      failure.textContent = error instanceof Error ? error.message : String(error);
      failure.hidden = false;
    });
  };

  const test = button(
    'Test',
    act(() =>
      whileBusy(test, async () => {
        replaceChildren(testOutput, [h('p', {}, ['Sending the test payload…'])]);
        try {
          const result = await ctx.api.testConnection(current().id);
          replaceChildren(testOutput, testResultView(result, options.subscriptions()));
        } catch (error) {
          replaceChildren(testOutput, [
            h('p', { className: 'bad' }, [`The test could not run: ${(error as Error).message}`]),
          ]);
        }
        options.tested();
      }),
    ),
    { className: 'primary' },
  );

  const edit = disclosure('Edit', (close) =>
    connectionForm({
      current: current(),
      submitLabel: 'Save',
      onCancel: close,
      async onSave(values) {
        options.changed(await ctx.api.updateConnection(current().id, values));
        close();
        ctx.announce('Connection saved');
      },
    }),
  );

  const toggleLabel = () => (current().enabled ? 'Disable' : 'Enable');
  const toggle = button(
    toggleLabel(),
    act(() =>
      whileBusy(toggle, async () => {
        const updated = await ctx.api.updateConnection(current().id, {
          enabled: !current().enabled,
        });
        options.changed(updated);
        ctx.announce(
          updated.enabled
            ? 'Connection enabled'
            : 'Connection disabled: incoming messages are refused',
        );
      }),
    ),
  );

  const rotate = button(
    'Rotate secret',
    act(async () => {
      const confirmed = await confirmAction({
        title: 'Rotate the secret?',
        message:
          'A new secret signs every delivery from now on. The current one keeps signing alongside it for a while, so receivers can switch without missing a delivery.',
        confirmLabel: 'Rotate secret',
      });
      if (!confirmed) return;
      const rotated = await whileBusy(rotate, () => ctx.api.rotateSecret(current().id));
      const reveal = secretReveal({
        heading: 'New secret',
        secret: rotated.secret,
        note: `Copy it now: this is the only time it is shown. The previous secret stays valid until ${formatDateTime(rotated.previousSecretExpiresAt)}.`,
        announce: ctx.announce,
      });
      replaceChildren(secretOutput, [reveal.element]);
      focusTarget(reveal.heading);
    }),
  );

  const remove = button(
    'Delete',
    act(async () => {
      const confirmed = await confirmAction({
        title: `Delete ${current().name}?`,
        message:
          'Messages sent to this connection ID are refused from now on, and its n8n and Zapier subscriptions are removed.',
        confirmLabel: 'Delete connection',
      });
      if (!confirmed) return;
      const { chatbotId, name } = current();
      await whileBusy(remove, () => ctx.api.deleteConnection(current().id));
      ctx.announce(`Connection ${name} deleted`);
      ctx.navigate({ name: 'chatbot', chatbotId });
    }),
    { className: 'danger' },
  );

  return {
    toolbar: h(
      'div',
      {
        className: 'actions toolbar',
        attrs: { role: 'group', 'aria-label': 'Connection actions' },
      },
      [test, edit.button, toggle, rotate, remove],
    ),
    panels: [failure, edit.panel, testOutput, secretOutput],
    /** Keeps the Disable/Enable label in step with the connection. */
    update() {
      toggle.textContent = toggleLabel();
    },
  };
}
