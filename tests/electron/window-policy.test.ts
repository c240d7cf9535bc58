import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideNewWindow,
  isPermissionAllowed,
  type NavigationDecision,
} from '../../src-main/electron/window-policy.js';

const ORIGIN = 'http://127.0.0.1:4321';

describe('decideNavigation', () => {
  it.each<[string, NavigationDecision]>([
    [`${ORIGIN}/`, 'allow'],
    [`${ORIGIN}/jobs/abc#log`, 'allow'],
    ['http://localhost:4321/', 'external'],
    ['http://127.0.0.1:9999/', 'external'],
    ['https://ffmpeg.org/documentation.html', 'external'],
    ['http://example.com/', 'external'],
    ['https://user:pass@example.com/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>1</script>', 'deny'],
    ['smb://server/share', 'deny'],
    ['ms-settings:privacy', 'deny'],
    ['chrome://settings', 'deny'],
    ['not a url', 'deny'],
  ])('%s -> %s', (url, expected) => {
    expect(decideNavigation(url, ORIGIN)).toBe(expected);
  });
});

describe('decideNewWindow', () => {
  it.each<[string, 'external' | 'deny']>([
    ['https://github.com/', 'external'],
    ['http://127.0.0.1:9999/', 'external'],
    // The app's own server: its links may carry the token, which must not reach the OS browser.
    [`${ORIGIN}/`, 'deny'],
    [`${ORIGIN}/api/jobs/j1/log?token=secret`, 'deny'],
    [`${ORIGIN}/api/jobs/j1/artifacts/output.mp4?token=secret`, 'deny'],
    ['about:blank', 'deny'],
    ['file:///C:/Windows/System32/calc.exe', 'deny'],
    ['vbscript:msgbox', 'deny'],
    ['', 'deny'],
  ])('%s -> %s', (url, expected) => {
    expect(decideNewWindow(url, ORIGIN)).toBe(expected);
  });
});

describe('isPermissionAllowed', () => {
  it.each<[string, string | undefined, boolean]>([
    ['fullscreen', `${ORIGIN}/`, true],
    ['clipboard-sanitized-write', `${ORIGIN}/jobs/1`, true],
    ['fullscreen', 'https://example.com/', false],
    ['fullscreen', undefined, false],
    ['media', `${ORIGIN}/`, false],
    ['geolocation', `${ORIGIN}/`, false],
    ['notifications', `${ORIGIN}/`, false],
    ['clipboard-read', `${ORIGIN}/`, false],
    ['openExternal', `${ORIGIN}/`, false],
    ['hid', `${ORIGIN}/`, false],
    ['unknown', `${ORIGIN}/`, false],
  ])('%s from %s -> %s', (permission, url, expected) => {
    expect(isPermissionAllowed(permission, url, ORIGIN)).toBe(expected);
  });
});
