import { describe, expect, it } from 'vitest';
import { buildCsp, loopbackOrigin, withCsp } from '../../src-main/electron/csp.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('loopbackOrigin', () => {
  it.each([
    ['http://127.0.0.1:4321', 'http://127.0.0.1:4321'],
    ['http://127.0.0.1:4321/', 'http://127.0.0.1:4321'],
    ['http://localhost:8080/some/page?token=x', 'http://localhost:8080'],
  ])('%s -> %s', (url, origin) => {
    expect(loopbackOrigin(url)).toBe(origin);
  });

  it.each([
    ['https://127.0.0.1:4321', 'not plain http'],
    ['http://example.com:80', 'not loopback'],
    ['http://192.168.1.2:4321', 'a LAN address'],
    ['http://127.0.0.1', 'no explicit port'],
    ['file:///tmp/index.html', 'a file'],
    ['not a url', 'garbage'],
  ])('refuses %s (%s)', (url) => {
    expect(() => loopbackOrigin(url)).toThrow();
  });
});

describe('buildCsp', () => {
  const origin = 'http://127.0.0.1:4321';
  const csp = directives(buildCsp(`${origin}/`));

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', [origin]],
    ['style-src', [origin]],
    ['connect-src', [origin]],
    ['media-src', [origin, 'blob:']],
    ['img-src', [origin, 'data:', 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is %j', (name, sources) => {
    expect(csp.get(name)).toEqual(sources);
  });

  it('never allows inline script, eval or a wildcard anywhere', () => {
    const text = buildCsp(origin);
    expect(text).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
    // A bare scheme source (`http:`) would allow every host on it.
    const sources = [...directives(text).values()].flat();
    expect(sources).not.toContain('http:');
    expect(sources).not.toContain('https:');
  });

  it('refuses to build a policy for a non-loopback origin', () => {
    expect(() => buildCsp('http://evil.example:4321')).toThrow(/loopback/);
  });
});

describe('withCsp', () => {
  it('replaces any server CSP, whatever its spelling, and keeps the other headers', () => {
    const out = withCsp(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'], 'CONTENT-SECURITY-POLICY': ['x'] },
      "default-src 'none'",
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it('adds the CSP when there were no headers', () => {
    expect(withCsp(undefined, 'a')).toEqual({ 'Content-Security-Policy': ['a'] });
  });
});
