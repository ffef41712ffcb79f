// The page shows data from other systems (webhook URLs, error texts, response snippets), so every
// element is built here with text nodes and attributes: nothing is ever parsed as HTML.

export type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  /** `true` sets an empty attribute, `false` / `undefined` leaves it out. */
  attrs?: Record<string, string | number | boolean | undefined>;
  className?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let nextId = 0;
/** Ids that tie labels, hints and errors to their inputs. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${String(nextId)}`;
}

/** Moves focus to a heading or region without adding it to the tab order for good. */
export function focusTarget(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}
