import { h } from '../dom.js';

export interface Crumb {
  label: string;
  href?: string;
}

/** Where this screen sits: Chatbots › Support bot › My Webhook. The last crumb is the page. */
export function breadcrumbs(crumbs: readonly Crumb[]): HTMLElement {
  return h('nav', { attrs: { 'aria-label': 'Breadcrumb' }, className: 'crumbs' }, [
    h(
      'ol',
      {},
      crumbs.map((crumb) =>
        h('li', {}, [
          crumb.href
            ? h('a', { attrs: { href: crumb.href } }, [crumb.label])
            : h('span', { attrs: { 'aria-current': 'page' } }, [crumb.label]),
        ]),
      ),
    ),
  ]);
}
