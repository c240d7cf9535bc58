import { describe, expect, it } from 'vitest';
import {
  isEmptyArgs,
  isTrustedSender,
  parseArtifactArgs,
  resolveArtifact,
  type SenderInfo,
} from '../../src-main/electron/ipc-validation.js';

const ORIGIN = 'http://127.0.0.1:4321';
const trusted: SenderInfo = { frameUrl: `${ORIGIN}/`, isMainFrame: true, isAppWindow: true };

describe('isTrustedSender', () => {
  it.each<[string, Partial<SenderInfo>, boolean]>([
    ['the app page', {}, true],
    ['a deep app route', { frameUrl: `${ORIGIN}/jobs/abc?x=1#y` }, true],
    ['localhost instead of 127.0.0.1', { frameUrl: 'http://localhost:4321/' }, false],
    ['another port', { frameUrl: 'http://127.0.0.1:4322/' }, false],
    ['https on the same host and port', { frameUrl: 'https://127.0.0.1:4321/' }, false],
    ['a web page', { frameUrl: 'https://example.com/' }, false],
    ['a file page', { frameUrl: 'file:///etc/passwd' }, false],
    ['about:blank', { frameUrl: 'about:blank' }, false],
    ['a gone frame', { frameUrl: undefined }, false],
    ['an empty url', { frameUrl: '' }, false],
    ['a sub-frame of the app', { isMainFrame: false }, false],
    ['another webContents', { isAppWindow: false }, false],
    ['a userinfo trick', { frameUrl: `http://127.0.0.1:4321@evil.example/` }, false],
  ])('%s -> %s', (_name, patch, expected) => {
    expect(isTrustedSender({ ...trusted, ...patch }, ORIGIN)).toBe(expected);
  });
});

describe('parseArtifactArgs', () => {
  it.each<[string, unknown[], boolean]>([
    ['job id and file name', ['job_1-A', 'output.mp4'], true],
    ['long but valid id', ['a'.repeat(64), 'x.mp4'], true],
    ['too long id', ['a'.repeat(65), 'x.mp4'], false],
    ['empty id', ['', 'output.mp4'], false],
    ['path traversal in the name', ['job1', '../job.json'], false],
    ['dot-dot inside a name', ['job1', 'a..b'], false],
    ['a slash in the name', ['job1', 'sub/output.mp4'], false],
    ['a backslash in the name', ['job1', 'sub\\output.mp4'], false],
    ['an absolute path as name', ['job1', '/etc/passwd'], false],
    ['a Windows path as name', ['job1', 'C:\\x.mp4'], false],
    ['a hidden file', ['job1', '.env'], false],
    ['a traversal id', ['../../etc', 'output.mp4'], false],
    ['a NUL byte', ['job1', 'out\u0000.mp4'], false],
    ['numbers instead of strings', [1, 2], false],
    ['an object', [{ toString: () => 'job1' }, 'output.mp4'], false],
    ['one argument', ['job1'], false],
    ['three arguments', ['job1', 'output.mp4', 'extra'], false],
    ['no arguments', [], false],
  ])('%s', (_name, args, ok) => {
    const parsed = parseArtifactArgs(args);
    if (ok) expect(parsed).toEqual({ jobId: args[0], name: args[1] });
    else expect(parsed).toBeNull();
  });
});

describe('isEmptyArgs', () => {
  it('accepts only no arguments', () => {
    expect(isEmptyArgs([])).toBe(true);
    expect(isEmptyArgs([undefined])).toBe(false);
    expect(isEmptyArgs(['/'])).toBe(false);
  });
});

describe('resolveArtifact', () => {
  const engine = {
    artifactPath: (jobId: string, name: string) =>
      jobId === 'job1' && name === 'output.mp4' ? '/data/jobs/job1/artifacts/output.mp4' : undefined,
  };

  it('answers only the path the engine knows', () => {
    expect(resolveArtifact(engine, { jobId: 'job1', name: 'output.mp4' })).toBe('/data/jobs/job1/artifacts/output.mp4');
  });

  it('refuses an artifact the engine does not know', () => {
    expect(() => resolveArtifact(engine, { jobId: 'job1', name: 'other.mp4' })).toThrow(/No artifact/);
  });
});
