import { h } from '../dom.js';
import type { Announce } from '../ui/announcer.js';
import { copyableValue } from '../ui/copy-button.js';
import { labelledSection } from '../ui/section.js';

export interface SecretRevealOptions {
  heading: string;
  secret: string;
  note: string;
  announce: Announce;
}

/** A secret the relay shows this once, with its copy button; focus its heading when it appears. */
export function secretReveal(options: SecretRevealOptions) {
  return labelledSection(
    options.heading,
    [
      h('p', {}, [options.note]),
      h('dl', { className: 'details' }, copyableValue('Secret', options.secret, options.announce)),
    ],
    'reveal',
  );
}
