import { h, uniqueId } from '../dom.js';
import { button } from './button.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** `danger` (the default) for what cannot be undone. */
  tone?: 'danger' | 'primary';
}

/**
 * Asks before something that cannot be undone (or sends a lot), in a modal <dialog>: the browser traps focus
 * and Escape cancels. Focus starts on Cancel so Enter alone never destroys anything, and goes
 * back to the button that opened it.
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = uniqueId('dialog-title');
  const messageId = uniqueId('dialog-message');
  return new Promise((resolve) => {
    const dialog = h('dialog', {
      attrs: { 'aria-labelledby': titleId, 'aria-describedby': messageId },
    });
    const close = (confirmed: boolean) => () => {
      dialog.close(confirmed ? 'confirm' : 'cancel');
    };
    const cancel = button('Cancel', close(false));
    const confirm = button(options.confirmLabel, close(true), {
      className: options.tone ?? 'danger',
    });
    dialog.append(
      h('h2', { attrs: { id: titleId } }, [options.title]),
      h('p', { attrs: { id: messageId } }, [options.message]),
      h('div', { className: 'actions' }, [cancel, confirm]),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
