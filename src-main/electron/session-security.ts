/**
 * Session-wide hardening of the window's session: our CSP on every response, and a permission
 * policy that refuses what the app does not need.
 */
import type { Session } from 'electron';
import { buildCsp, withCsp } from './csp.js';
import { isPermissionAllowed } from './window-policy.js';

/** Applies the CSP and the permission policy for an app served at `serverUrl`. */
export function secureSession(session: Session, serverUrl: string, serverOrigin: string): void {
  const csp = buildCsp(serverUrl);
  // Set here rather than trusting the server's headers: the window is protected even if a
  // response (an error page, a file) comes without one.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl || contents?.getURL(), serverOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, serverOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
