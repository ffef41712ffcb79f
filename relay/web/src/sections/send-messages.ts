import type { Connection } from '@fourthchat/shared';
import { h, uniqueId } from '../dom.js';
import { incomingCurl } from '../curl.js';
import type { Announce } from '../ui/announcer.js';
import { copyButton } from '../ui/copy-button.js';
import { labelledSection } from '../ui/section.js';

/** The spec's step 3, ready to paste: this connection's URL and ID are filled in. */
export function sendMessages(
  connection: Connection,
  apiKey: string,
  announce: Announce,
): HTMLElement {
  const code = h('code', {}, []);
  const checkboxId = uniqueId('with-key');
  const checkbox = h('input', { attrs: { type: 'checkbox', id: checkboxId } });
  const render = () => {
    code.textContent = incomingCurl({
      incomingWebhookUrl: connection.incomingWebhookUrl,
      connectionId: connection.id,
      ...(checkbox.checked ? { apiKey } : {}),
    });
  };
  checkbox.addEventListener('change', render);
  render();
  return labelledSection('Send messages to FourthChat', [
    h('p', {}, [
      'POST a message to the incoming webhook URL; the AI response goes to your webhook URL.',
    ]),
    h('pre', { className: 'command' }, [code]),
    h('div', { className: 'actions' }, [
      copyButton('curl command', code, announce),
      h('label', { className: 'inline', attrs: { for: checkboxId } }, [
        checkbox,
        ' Fill in the API key I signed in with',
      ]),
    ]),
  ]).element;
}
