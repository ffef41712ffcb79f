import { h, uniqueId, type Child } from '../dom.js';

/** A region named by its own h2, so screen-reader users can jump between the page's parts. */
export function labelledSection(
  title: string,
  children: readonly Child[],
  className = '',
): { element: HTMLElement; heading: HTMLHeadingElement } {
  const id = uniqueId('section');
  const heading = h('h2', { attrs: { id } }, [title]);
  const element = h('section', { className, attrs: { 'aria-labelledby': id } }, [
    heading,
    ...children,
  ]);
  return { element, heading };
}
