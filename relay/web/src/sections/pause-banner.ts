import type { TargetHealth } from '@fourthchat/shared';
import { h, replaceChildren, type Child } from '../dom.js';
import { formatDateTime } from '../format.js';
import { button, whileBusy } from '../ui/button.js';
import { eventTargetLabel, targetKey } from './targets.js';

export interface PauseBannerOptions {
  /** Resumes one target; the page then reloads health, which takes it off the banner. */
  resume(health: TargetHealth): Promise<void>;
}

function pausedSentence(health: TargetHealth): Child[] {
  const { paused } = health;
  return [
    h('strong', {}, [eventTargetLabel(health.target)]),
    ' ',
    h('code', {}, [health.target.url]),
    ' is paused',
    ...(paused
      ? [
          ' since ',
          h('time', { attrs: { datetime: paused.at } }, [formatDateTime(paused.at)]),
          `: ${paused.reason}.`,
        ]
      : ['.']),
  ];
}

/**
 * Says which targets are paused, since when and why, with Resume for each. An alert, so the
 * owner hears it when a target gets paused while the page is open; it is only rewritten when
 * the paused targets change, so that a refresh does not repeat it.
 */
export function pauseBanner(options: PauseBannerOptions) {
  const element = h('div', { className: 'banner', attrs: { role: 'alert' } });
  const failure = h('p', { className: 'form-error', attrs: { hidden: true } });
  let shown = '';

  const item = (health: TargetHealth) => {
    const resume = button(
      'Resume',
      () => {
        failure.hidden = true;
        whileBusy(resume, () => options.resume(health)).catch((error: unknown) => {
          failure.textContent = `Could not resume: ${(error as Error).message}`;
          failure.hidden = false;
        });
      },
      { attrs: { 'aria-label': `Resume ${eventTargetLabel(health.target)}` } },
    );
    return h('li', {}, [h('p', {}, pausedSentence(health)), resume]);
  };

  return {
    element,
    update(health: readonly TargetHealth[]) {
      const paused = health.filter((target) => target.state === 'paused');
      const key = paused.map((t) => `${targetKey(t.target)}@${t.paused?.at ?? ''}`).join(' ');
      if (key === shown) return;
      shown = key;
      failure.hidden = true;
      replaceChildren(
        element,
        paused.length === 0
          ? []
          : [
              h('h2', {}, ['Deliveries paused']),
              h('ul', {}, paused.map(item)),
              paused.some((t) => t.target.kind === 'webhook')
                ? h('p', {}, [
                    'Resuming sends nothing by itself: new replies go out again, but what was ',
                    'recorded while paused stays paused. To re-send it, resume, then use Recover ',
                    'under Health.',
                  ])
                : null,
              paused.some((t) => t.target.kind === 'subscription')
                ? h('p', {}, [
                    'A paused subscription holds its replies: resumed here, or subscribed again ',
                    'by its n8n workflow or Zap, it gets them, oldest first.',
                  ])
                : null,
              failure,
            ],
      );
    },
  };
}
