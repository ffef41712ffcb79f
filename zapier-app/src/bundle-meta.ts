import type { Bundle } from 'zapier-platform-core';

/**
 * `bundle.meta` as it may arrive: Zapier fills it in, but a bundle built outside Zapier (e.g.
 * under createAppTester) has none or only part of it, whatever zapier-platform-core's type says.
 */
export type BundleMeta = Partial<Bundle['meta']> | undefined;

export function bundleMeta(bundle: Pick<Bundle, 'meta'>): BundleMeta {
  return bundle.meta;
}
