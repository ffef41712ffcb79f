import { h } from '../dom.js';
import type { Announce } from './announcer.js';
import { button } from './button.js';

async function writeClipboard(text: string): Promise<void> {
  // Missing outside secure contexts (plain http on a host other than localhost), whatever the
  // DOM types say.
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!clipboard) throw new Error('The clipboard is not available');
  await clipboard.writeText(text);
}

/** Copies a value; where the clipboard is refused, selects the text so Ctrl+C copies it. */
export function copyButton(label: string, source: HTMLElement, announce: Announce) {
  const copy = () => {
    const text = source.textContent;
    writeClipboard(text).then(
      () => {
        announce(`${label} copied`);
      },
      () => {
        window.getSelection()?.selectAllChildren(source);
        announce(`${label} selected: press Ctrl+C to copy it`);
      },
    );
  };
  return button('Copy', copy, { className: 'copy', attrs: { 'aria-label': `Copy ${label}` } });
}

/** A labelled value in monospace with its copy button, as a definition-list entry. */
export function copyableValue(label: string, value: string, announce: Announce) {
  const code = h('code', {}, [value]);
  return [
    h('dt', {}, [label]),
    h('dd', { className: 'copyable' }, [code, copyButton(label, code, announce)]),
  ];
}
