import type { TargetHealth } from '@fourthchat/shared';
import { h } from '../dom.js';
import { badge, type Tone } from '../ui/badge.js';
import { eventTargetLabel } from './targets.js';

const TONE: Record<TargetHealth['state'], Tone> = {
  healthy: 'good',
  failing: 'bad',
  paused: 'busy',
  unused: 'muted',
};

/** The state in words: the badge's colour only repeats it. */
export function healthLabel(health: TargetHealth): string {
  switch (health.state) {
    case 'healthy':
      return 'Healthy';
    case 'failing':
      // 0 right after a resume: the relay counts afresh, and the last delivery still failed.
      return health.consecutiveFailures > 0
        ? `Failing (${String(health.consecutiveFailures)} in a row)`
        : 'Failing';
    case 'paused':
      // Its n8n workflow was unpublished or its Zap turned off: it holds replies until back.
      return health.paused?.reason === 'unpublished' ? 'Paused (unpublished)' : 'Paused';
    case 'unused':
      return 'Unused';
  }
}

export function healthBadge(health: TargetHealth): HTMLElement {
  const element = badge(healthLabel(health), TONE[health.state]);
  element.classList.add('dot');
  return element;
}

/** The compact form for the connections list: each target's name and its state. */
export function targetHealthList(health: readonly TargetHealth[], label: string): HTMLElement {
  return h(
    'ul',
    { className: 'target-health', attrs: { 'aria-label': label } },
    health.map((target) =>
      h('li', {}, [h('span', {}, [eventTargetLabel(target.target)]), ' ', healthBadge(target)]),
    ),
  );
}
