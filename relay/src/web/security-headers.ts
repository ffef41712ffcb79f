/**
 * The page loads only its own files and talks only to this relay. Trusted Types are required,
 * so even a future innerHTML with data would be refused by the browser rather than run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  // Forms are handled by script; without it nothing, not even the API key, may be submitted.
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Module names carry no content hash, so browsers revalidate every file (a cheap 304).
  'Cache-Control': 'no-cache',
};
