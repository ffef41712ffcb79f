import { h } from '../dom.js';

/** A named list of cards, or what to say when there is nothing in it. */
export function cardList<T>(
  label: string,
  items: readonly T[],
  render: (item: T) => HTMLElement,
  emptyText: string,
): HTMLElement {
  return items.length === 0
    ? h('p', { className: 'empty' }, [emptyText])
    : h('ul', { className: 'cards', attrs: { 'aria-label': label } }, items.map(render));
}
