/**
 * What the window may do: where it may navigate, which links leave for the OS browser, which
 * permissions a page gets. Pure decisions (no electron import), table-tested.
 */

/** - `allow`: stay in the window (the app's own pages). `external`: open in the OS browser. `deny`: nothing. */
export type NavigationDecision = 'allow' | 'external' | 'deny';

/** A navigation of the window's top frame: only the app's own origin stays; web links go to the browser. */
export function decideNavigation(url: string, serverOrigin: string): NavigationDecision {
  const parsed = parseUrl(url);
  if (!parsed) return 'deny';
  if (parsed.origin === serverOrigin) return 'allow';
  return isWebLink(parsed) ? 'external' : 'deny';
}

/**
 * A request for a new window (`window.open`, `target=_blank`): never a new app window; web links
 * go to the browser, except the app's own server: its URLs may carry the per-launch token
 * (`?token=`, for media and log links), which must not end up in the OS browser and its history.
 */
export function decideNewWindow(url: string, serverOrigin: string): Exclude<NavigationDecision, 'allow'> {
  const parsed = parseUrl(url);
  if (!parsed || parsed.origin === serverOrigin) return 'deny';
  return isWebLink(parsed) ? 'external' : 'deny';
}

/**
 * Permissions the app's page gets: `fullscreen` (the video player's button) and writing to the
 * clipboard (copy a log or an error); everything else (camera, microphone, geolocation,
 * notifications from the page, USB, ...) is refused, and nothing at all for another origin.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen', 'clipboard-sanitized-write']);

/** Whether `permission` asked by a page at `requestingUrl` is granted. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  serverOrigin: string,
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  const parsed = requestingUrl ? parseUrl(requestingUrl) : undefined;
  return parsed?.origin === serverOrigin;
}

function isWebLink(url: URL): boolean {
  // Credentials in a link are a classic phishing trick; such a link goes nowhere.
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
