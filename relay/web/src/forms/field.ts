import { h, uniqueId } from '../dom.js';

export type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A labelled input with its hint and an error message that screen readers tie to it. */
export interface Field {
  readonly row: HTMLElement;
  readonly control: Control;
  value(): string;
  setError(message: string | undefined): void;
}

export interface FieldOptions {
  label: string;
  name: string;
  value?: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'url' | 'password' | 'datetime-local';
  /** Makes it a drop-down of these values. */
  choices?: readonly { value: string; label: string }[];
  autocomplete?: string;
  placeholder?: string;
}

export function field(options: FieldOptions): Field {
  const id = uniqueId(options.name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const attrs = {
    id,
    name: options.name,
    required: options.required ?? false,
    'aria-describedby': options.hint ? `${hintId} ${errorId}` : errorId,
    autocomplete: options.autocomplete ?? 'off',
    placeholder: options.placeholder,
    spellcheck: 'false',
  };
  const control: Control = options.choices
    ? h(
        'select',
        { attrs },
        options.choices.map((choice) =>
          h('option', { attrs: { value: choice.value } }, [choice.label]),
        ),
      )
    : options.multiline
      ? h('textarea', { attrs: { ...attrs, rows: 5 }, className: 'mono' })
      : h('input', { attrs: { ...attrs, type: options.type ?? 'text' } });
  if (options.value !== undefined) control.value = options.value;
  const error = h('p', { className: 'field-error', attrs: { id: errorId, hidden: true } });
  const label = h('label', { attrs: { for: id } }, [
    options.label,
    options.required ? null : h('span', { className: 'optional' }, [' (optional)']),
  ]);
  const hint = options.hint
    ? h('p', { className: 'hint', attrs: { id: hintId } }, [options.hint])
    : null;
  const row = h('div', { className: 'field' }, [label, hint, control, error]);
  return {
    row,
    control,
    value: () => control.value,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}
