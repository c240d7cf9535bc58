import { describe, expect, it } from 'vitest';
import { isRequestAllowed, needsToken, presentedToken, tokenMatches } from '../../src-main/server/security.js';

describe('isRequestAllowed', () => {
  const port = 4321;
  it.each([
    // host, origin, allowedOrigins, allowed
    ['127.0.0.1:4321', undefined, [], true],
    ['localhost:4321', undefined, [], true],
    ['LOCALHOST:4321', undefined, [], true],
    ['127.0.0.1:4321', 'http://127.0.0.1:4321', [], true],
    ['127.0.0.1:4321', 'http://localhost:4321', [], true],
    ['localhost:4321', 'http://127.0.0.1:4321', [], true],
    ['127.0.0.1:4321', 'app://aura', ['app://aura'], true],
    ['127.0.0.1:4321', 'null', ['null'], true],
    // DNS rebinding: the attacker's name resolving to 127.0.0.1
    ['evil.example:4321', undefined, [], false],
    ['127.0.0.1', undefined, [], false],
    ['127.0.0.1:4322', undefined, [], false],
    ['localhost', undefined, [], false],
    ['[::1]:4321', undefined, [], false],
    ['0.0.0.0:4321', undefined, [], false],
    ['127.0.0.1:4321.evil.example', undefined, [], false],
    [undefined, undefined, [], false],
    ['', undefined, [], false],
    // Cross-site pages
    ['127.0.0.1:4321', 'http://evil.example', [], false],
    ['127.0.0.1:4321', 'http://127.0.0.1:4322', [], false],
    ['127.0.0.1:4321', 'https://127.0.0.1:4321', [], false],
    ['127.0.0.1:4321', 'null', [], false],
    ['127.0.0.1:4321', '', [], false],
    ['127.0.0.1:4321', 'app://aura', ['app://other'], false],
  ] as const)('host %j origin %j extra %j → %j', (host, origin, allowedOrigins, allowed) => {
    expect(isRequestAllowed({ host, origin, port, allowedOrigins }).allowed).toBe(allowed);
  });

  it('says why it refused', () => {
    const decision = isRequestAllowed({ host: 'evil:1', origin: undefined, port: 1 });
    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('evil:1') });
  });
});

describe('tokenMatches', () => {
  const token = 'n_nuHc6seYelJb7Xb5ZoIlG4-2vkA01Vn9jY0jgrTJs';
  it.each([
    [token, true],
    [`${token}x`, false],
    [token.slice(0, -1), false],
    [token.toUpperCase(), false],
    ['', false],
    [undefined, false],
  ])('%j → %j', (presented, expected) => {
    expect(tokenMatches(presented, token)).toBe(expected);
  });
});

describe('presentedToken', () => {
  it.each([
    ['Bearer abc', undefined, 'abc'],
    ['bearer abc', undefined, 'abc'],
    ['Bearer   abc  ', undefined, 'abc'],
    ['Basic abc', undefined, ''],
    ['Bearer', undefined, ''],
    ['Bearer a b', undefined, ''],
    [undefined, 'q', 'q'],
    [undefined, ['a', 'b'], undefined],
    [undefined, undefined, undefined],
    // The header wins: a wrong header is not rescued by a right query token.
    ['Bearer wrong', 'right', 'wrong'],
  ] as const)('authorization %j, ?token=%j → %j', (authorization, query, expected) => {
    expect(presentedToken(authorization, query)).toBe(expected);
  });
});

describe('needsToken', () => {
  it.each([
    ['/api/health', false],
    ['/', false],
    ['/index.html', false],
    ['/assets/app.js', false],
    ['/api', true],
    ['/api/queue', true],
    ['/api/jobs/:id/events', true],
    ['/api/health/x', true],
    ['/api/openapi.json', true],
  ])('%s → %j', (path, expected) => {
    expect(needsToken(path)).toBe(expected);
  });
});
