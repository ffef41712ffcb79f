import { ApiError } from '../api/client.js';
import { h, type Child } from '../dom.js';
import { whileBusy } from '../ui/button.js';
import type { Field } from './field.js';

/** Thrown by a submit handler when its own checks fail: field name → message. */
export class FieldErrors extends Error {
  constructor(readonly messages: Readonly<Record<string, string>>) {
    super('Some fields need attention');
    this.name = 'FieldErrors';
  }
}

export interface FormOptions {
  fields: Readonly<Record<string, Field>>;
  submitLabel: string;
  /** Accessible name of the form. */
  label: string;
  extra?: readonly Child[];
  onSubmit(): Promise<void>;
}

/**
 * The relay names nested fields like `customHeaders.X-Foo` and starts its message with that
 * name; the form knows `customHeaders` and already shows the message under its label.
 */
function atField(error: ApiError): Record<string, string> {
  if (!error.field) return {};
  const prefix = `${error.field}: `;
  const message = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  return { [error.field.split('.')[0] ?? error.field]: message };
}

/**
 * A form that shows every problem at its field, focuses the first one, and reports other
 * failures in an alert; a second submit while the request runs is ignored.
 */
export function createForm(options: FormOptions): HTMLFormElement {
  const alert = h('p', { className: 'form-error', attrs: { role: 'alert', hidden: true } });
  const submit = h('button', { attrs: { type: 'submit' }, className: 'primary' }, [
    options.submitLabel,
  ]);
  const fields = Object.entries(options.fields);
  const form = h('form', { attrs: { novalidate: true, 'aria-label': options.label } }, [
    ...fields.map(([, f]) => f.row),
    alert,
    h('div', { className: 'actions' }, [submit, ...(options.extra ?? [])]),
  ]);

  const show = (messages: Readonly<Record<string, string>>) => {
    for (const [name, f] of fields) f.setError(messages[name]);
    const first = fields.find(([name]) => messages[name]);
    first?.[1].control.focus();
    return first !== undefined;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    show({});
    alert.hidden = true;
    whileBusy(submit, async () => {
      form.setAttribute('aria-busy', 'true');
      await options.onSubmit();
    })
      .catch((error: unknown) => {
        if (error instanceof FieldErrors && show(error.messages)) return;
        if (error instanceof ApiError && show(atField(error))) return;
        alert.textContent = error instanceof Error ? error.message : String(error);
        alert.hidden = false;
      })
      .finally(() => {
        form.removeAttribute('aria-busy');
      });
  });
  return form;
}
