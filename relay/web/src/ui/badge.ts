import { h } from '../dom.js';

export type Tone = 'good' | 'bad' | 'busy' | 'muted';

/** A status word in a coloured pill; the word itself carries the meaning, not the colour. */
export function badge(text: string, tone: Tone): HTMLElement {
  return h('span', { className: `badge ${tone}` }, [text]);
}

export function enabledBadge(enabled: boolean): HTMLElement {
  return enabled ? badge('Enabled', 'good') : badge('Disabled', 'muted');
}
