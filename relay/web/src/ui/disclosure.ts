import { h, uniqueId } from '../dom.js';
import { button } from './button.js';

export interface Disclosure {
  button: HTMLButtonElement;
  panel: HTMLElement;
  close(): void;
}

/**
 * A button that opens a panel below it (a form, usually). The panel is built fresh on every
 * open; focus goes to its first field, and back to the button when it closes.
 */
export function disclosure(
  label: string,
  build: (close: () => void) => HTMLElement,
  className = '',
): Disclosure {
  const panelId = uniqueId('panel');
  const panel = h('div', { attrs: { id: panelId, hidden: true }, className: 'disclosure' });
  const close = () => {
    panel.hidden = true;
    panel.replaceChildren();
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  };
  const open = () => {
    panel.replaceChildren(build(close));
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    panel.querySelector<HTMLElement>('input, textarea, select')?.focus();
  };
  const toggle = button(
    label,
    () => {
      if (panel.hidden) open();
      else close();
    },
    {
      className,
      attrs: { 'aria-expanded': 'false', 'aria-controls': panelId },
    },
  );
  return { button: toggle, panel, close };
}
