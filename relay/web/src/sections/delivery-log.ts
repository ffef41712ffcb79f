import type { Delivery, DeliveryStatus, Subscription } from '@fourthchat/shared';
import type { PageContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { labelledSection } from '../ui/section.js';
import { deliveryItem, deliveryStatusLabel, deliveryTitle } from './delivery-item.js';
import { button } from '../ui/button.js';

/** Often enough to watch a short retry schedule, far below the relay's per-key rate limit. */
const AUTO_REFRESH_MS = 1500;

const isActive = (status: DeliveryStatus) => status === 'pending' || status === 'retrying';
/** Where a delivery rests until someone acts: worth announcing when it gets there. */
const isFinal = (status: DeliveryStatus) =>
  status === 'delivered' || status === 'failed' || status === 'paused';

export interface DeliveryLog {
  element: HTMLElement;
  /** Loads the log now; it keeps refreshing by itself while a delivery is pending or retrying. */
  refresh(): Promise<void>;
  dispose: () => void;
}

export function deliveryLog(
  ctx: PageContext,
  connectionId: string,
  subscriptions: () => readonly Subscription[],
  /** A delivery ended (delivered, failed, paused): its target's health has changed. */
  settled?: () => void,
): DeliveryLog {
  const list = h('ol', { className: 'cards', attrs: { 'aria-label': 'Deliveries' } });
  const status = h('p', { className: 'meta' });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert', hidden: true } });
  const openAttempts = new Set<string>();
  const seen = new Map<string, DeliveryStatus>();
  let timer: number | undefined;
  let disposed = false;
  // Only the newest request may render: a slow older answer must not overwrite a newer one.
  let latest = 0;

  const announceChanges = (deliveries: readonly Delivery[]) => {
    let settledNow = false;
    for (const delivery of deliveries) {
      const before = seen.get(delivery.id);
      seen.set(delivery.id, delivery.status);
      if (before && before !== delivery.status && isFinal(delivery.status)) {
        settledNow = true;
        ctx.announce(
          `${deliveryTitle(delivery, subscriptions())}: ${deliveryStatusLabel(delivery.status)}`,
        );
      }
    }
    if (settledNow) settled?.();
  };

  const redeliver = async (delivery: Delivery) => {
    try {
      await ctx.api.redeliver(delivery.id);
      ctx.announce(`${deliveryTitle(delivery, subscriptions())}: sent again`);
    } catch (caught) {
      error.textContent = `Redeliver failed: ${(caught as Error).message}`;
      error.hidden = false;
    }
    await refresh();
  };

  const render = (deliveries: readonly Delivery[]) => {
    // Refreshes replace the items; focus and open attempt lists stay where the user left them.
    const focusKey =
      document.activeElement instanceof HTMLElement && list.contains(document.activeElement)
        ? document.activeElement.dataset.focusKey
        : undefined;
    replaceChildren(
      list,
      deliveries.map((delivery) =>
        deliveryItem(delivery, {
          subscriptions: subscriptions(),
          attemptsOpen: openAttempts.has(delivery.id),
          onToggleAttempts: (open) =>
            open ? openAttempts.add(delivery.id) : openAttempts.delete(delivery.id),
          onRedeliver: () => void redeliver(delivery),
        }),
      ),
    );
    if (focusKey) {
      list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    }
    if (deliveries.length === 0) {
      list.hidden = true;
      status.textContent = 'No deliveries yet. Press Test, or send a message.';
    } else {
      list.hidden = false;
      status.textContent = deliveries.some((d) => isActive(d.status))
        ? 'Updating by itself while deliveries are pending or retrying.'
        : '';
    }
  };

  async function refresh(): Promise<void> {
    if (timer !== undefined) ctx.timers.clearTimeout(timer);
    timer = undefined;
    const request = ++latest;
    let active = false;
    try {
      const deliveries = await ctx.api.deliveries(connectionId);
      if (disposed || request !== latest) return;
      error.hidden = true;
      announceChanges(deliveries);
      render(deliveries);
      active = deliveries.some((d) => isActive(d.status));
    } catch (caught) {
      if (disposed || request !== latest) return;
      error.textContent = `The delivery log could not be loaded: ${(caught as Error).message}`;
      error.hidden = false;
      active = true;
    }
    // render() runs page code that may have called dispose(); TypeScript's narrowing misses that.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
    if (active && !disposed) timer = ctx.timers.setTimeout(() => void refresh(), AUTO_REFRESH_MS);
  }

  const refreshButton = button('Refresh', () => void refresh());
  const section = labelledSection('Deliveries', [
    h('div', { className: 'actions' }, [refreshButton]),
    status,
    error,
    list,
  ]);
  return {
    element: section.element,
    refresh,
    dispose() {
      disposed = true;
      if (timer !== undefined) ctx.timers.clearTimeout(timer);
    },
  };
}
