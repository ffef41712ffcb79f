import type { Connection } from '@fourthchat/shared';
import { field } from '../forms/field.js';
import { createForm, FieldErrors } from '../forms/form.js';
import { button } from '../ui/button.js';
import {
  checkRequired,
  checkSecret,
  checkWebhookUrl,
  formatCustomHeaders,
  parseCustomHeaders,
} from '../forms/validate.js';

export interface ConnectionValues {
  name: string;
  webhookUrl: string;
  /** Only when creating: a secret is changed by rotating it. */
  secret?: string;
  customHeaders: Record<string, string>;
}

export interface ConnectionFormOptions {
  /** Editing an existing connection; creating a new one when left out. */
  current?: Connection;
  submitLabel: string;
  onSave(values: ConnectionValues): Promise<void>;
  onCancel: () => void;
}

/** The spec's Custom Webhook configuration: Webhook URL, Secret, Custom Headers. */
export function connectionForm(options: ConnectionFormOptions): HTMLFormElement {
  const { current } = options;
  const fields = {
    name: field({
      label: 'Name',
      name: 'name',
      required: true,
      value: current?.name ?? 'My Webhook',
    }),
    webhookUrl: field({
      label: 'Webhook URL',
      name: 'webhookUrl',
      type: 'url',
      required: true,
      value: current?.webhookUrl,
      placeholder: 'https://your-webhook-url.com/webhook',
      hint: 'Where FourthChat sends the AI responses: a signed JSON POST.',
    }),
    ...(current
      ? {}
      : {
          secret: field({
            label: 'Secret',
            name: 'secret',
            hint: 'HMAC secret for signature verification. Left empty, one is generated; it is shown once.',
          }),
        }),
    customHeaders: field({
      label: 'Custom Headers',
      name: 'customHeaders',
      multiline: true,
      value: formatCustomHeaders(current?.customHeaders ?? {}),
      placeholder: '{"Authorization": "Bearer your-api-key", "X-Custom-Header": "custom-value"}',
      hint: 'Additional headers for every delivery, as a JSON object.',
    }),
  };
  const cancel = button('Cancel', options.onCancel);
  return createForm({
    label: current ? `Edit ${current.name}` : 'Custom Webhook configuration',
    fields,
    submitLabel: options.submitLabel,
    extra: [cancel],
    async onSubmit() {
      const name = checkRequired(fields.name.value(), 'name');
      const webhookUrl = checkWebhookUrl(fields.webhookUrl.value());
      const secret = checkSecret(fields.secret?.value() ?? '');
      const customHeaders = parseCustomHeaders(fields.customHeaders.value());
      if (!name.ok || !webhookUrl.ok || !secret.ok || !customHeaders.ok) {
        const messages: Record<string, string> = {};
        if (!name.ok) messages.name = name.message;
        if (!webhookUrl.ok) messages.webhookUrl = webhookUrl.message;
        if (!secret.ok) messages.secret = secret.message;
        if (!customHeaders.ok) messages.customHeaders = customHeaders.message;
        throw new FieldErrors(messages);
      }
      await options.onSave({
        name: name.value,
        webhookUrl: webhookUrl.value,
        customHeaders: customHeaders.value,
        ...(secret.value === undefined ? {} : { secret: secret.value }),
      });
    },
  });
}
