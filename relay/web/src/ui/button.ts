import { h, type ElementOptions } from '../dom.js';

const isBusy = (element: HTMLElement) => element.getAttribute('aria-disabled') === 'true';

/** A plain `type="button"`; its handler does not run again while the button is busy. */
export function button(
  label: string,
  onClick: () => void,
  options: { className?: string; attrs?: ElementOptions['attrs'] } = {},
): HTMLButtonElement {
  const element = h(
    'button',
    { className: options.className ?? '', attrs: { type: 'button', ...options.attrs } },
    [label],
  );
  element.addEventListener('click', () => {
    if (!isBusy(element)) onClick();
  });
  return element;
}

/**
 * Marks a button busy until the action ends. aria-disabled rather than `disabled`: a disabled
 * button drops keyboard focus, and the user should stay where they were.
 */
export async function whileBusy<T>(target: HTMLElement, action: () => Promise<T>): Promise<T> {
  target.setAttribute('aria-disabled', 'true');
  target.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    target.removeAttribute('aria-disabled');
    target.removeAttribute('aria-busy');
  }
}
