/**
 * The window's Content-Security-Policy. Pure, so every directive is table-tested.
 *
 * The renderer is served by the loopback server, so "the app" and "the loopback origin" are one
 * origin: scripts, styles, data (fetch + EventSource) and media (the finished video) may come
 * from it and from nowhere else. No inline script, no eval, no plugins, no framing.
 */

/** Only the loopback server may be the app's origin: `http://127.0.0.1:PORT` or `http://localhost:PORT`. */
export function loopbackOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a URL: ${JSON.stringify(url)}`);
  }
  const loopbackHost = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol !== 'http:' || !loopbackHost || parsed.port === '') {
    throw new Error(`Not a loopback server origin: ${parsed.origin}`);
  }
  return parsed.origin;
}

/** The CSP header value for a window whose page and API are both served at `serverUrl`. */
export function buildCsp(serverUrl: string): string {
  const origin = loopbackOrigin(serverUrl);
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', [origin]],
    // React sets style properties through the CSSOM, which style-src does not govern; stylesheets
    // themselves come only from the app.
    ['style-src', [origin]],
    // data: for small inline images (icons); blob: for object URLs the UI may make of fetched media.
    ['img-src', [origin, 'data:', 'blob:']],
    ['font-src', [origin, 'data:']],
    ['connect-src', [origin]],
    ['media-src', [origin, 'blob:']],
    ['manifest-src', [origin]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * Response headers with our CSP set, replacing any CSP the server sent (header names are
 * case-insensitive, so every spelling of it goes).
 */
export function withCsp(
  headers: Readonly<Record<string, string[]>> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
