import { describe, expect, it } from 'vitest';
import type { AuraBridge } from '../../src-shared/bridge.js';
import { followOpenJobRequests } from '../../src-renderer/app/open-job.js';
import { parseRoute, routeHref } from '../../src-renderer/app/route.js';
import { sceneCount, sceneThumbName } from '../../src-renderer/components/detail/scene-count.js';
import { availableActions } from '../../src-renderer/components/queue/job-actions.js';
import { formatBytes, formatDuration, formatPercent } from '../../src-renderer/format/format.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';

describe('parseRoute', () => {
  it.each([
    ['', { view: 'queue' }],
    ['#/', { view: 'queue' }],
    ['#/machine', { view: 'machine' }],
    ['#/jobs/abc_1-2', { view: 'job', jobId: 'abc_1-2' }],
    ['#/jobs/..%2Fetc', { view: 'queue' }],
    ['#/jobs/a/b', { view: 'queue' }],
    ['#/nowhere', { view: 'queue' }],
    // Malformed percent-encoding (decodeURIComponent throws): the queue, not a blank app.
    ['#/jobs/%E0', { view: 'queue' }],
    ['#/jobs/%', { view: 'queue' }],
    ['#/jobs/abc%2', { view: 'queue' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips through routeHref', () => {
    for (const r of [{ view: 'queue' }, { view: 'machine' }, { view: 'job', jobId: 'x9' }] as const) {
      expect(parseRoute(routeHref(r))).toEqual(r);
    }
  });
});

describe('availableActions', () => {
  it.each([
    ['pending', false, { cancel: true, pause: false, resume: false, delete: false }],
    ['running', false, { cancel: true, pause: true, resume: false, delete: false }],
    ['paused', true, { cancel: true, pause: false, resume: true, delete: false }],
    ['failed', true, { cancel: false, resume: true, delete: true }],
    ['failed', false, { cancel: false, resume: false, delete: true }],
    ['completed', false, { cancel: false, delete: true, openOutput: true }],
    ['canceled', false, { cancel: false, resume: false, delete: true, openOutput: false }],
  ] as const)('%s (canResume %s)', (status, canResume, expected) => {
    expect(availableActions({ status, canResume, artifactCount: 1 })).toMatchObject(expected);
  });
});

describe('scenes', () => {
  const spec = (script: string) => RenderSpecSchema.parse({ title: 't', script });
  it.each([
    ['# A\nx\n\n# B\ny', 2],
    ['intro text\n# A\nx', 2],
    ['no headings at all', 1],
    ['## not a heading\n# A', 2],
  ])('%j has %i scenes', (script, n) => {
    expect(sceneCount(spec(script))).toBe(n);
  });
  it('names thumbnails from 1 like the pipeline', () => {
    expect(sceneThumbName(0)).toBe('scene-1.jpg');
  });
});

describe('format', () => {
  it.each([
    [0, '0:00'],
    [7.4, '0:07'],
    [245, '4:05'],
    [3723, '1:02:03'],
  ])('duration %d → %s', (s, text) => expect(formatDuration(s)).toBe(text));
  it.each([
    [0, '0 B'],
    [1536, '1.5 KB'],
    [25 * 1024 * 1024, '25 MB'],
  ])('bytes %d → %s', (b, text) => expect(formatBytes(b)).toBe(text));
  it('never shows 100% before the end', () => expect(formatPercent(99.7)).toBe('99%'));
});

describe('followOpenJobRequests', () => {
  const bridgeWith = (onOpenJob?: AuraBridge['onOpenJob']): AuraBridge => ({
    serverUrl: 'http://127.0.0.1:1',
    token: 't',
    showArtifactInFolder: () => Promise.resolve(),
    openArtifact: () => Promise.resolve(),
    openDataFolder: () => Promise.resolve(),
    ...(onOpenJob ? { onOpenJob } : {}),
  });

  it('routes a notification click to the job’s detail view, until unsubscribed', () => {
    // The bridge's side, as the preload implements it: a set of listeners the main process calls.
    const listeners = new Set<(jobId: string) => void>();
    const bridge = bridgeWith((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    });
    const location = { hash: '#/' };
    const off = followOpenJobRequests(bridge, location);
    for (const l of listeners) l('job_42');
    expect(location.hash).toBe('#/jobs/job_42');
    expect(parseRoute(location.hash)).toEqual({ view: 'job', jobId: 'job_42' });
    off();
    expect(listeners.size).toBe(0);
  });

  it('does nothing in a browser or with a bridge without onOpenJob', () => {
    const location = { hash: '#/machine' };
    followOpenJobRequests(null, location)();
    followOpenJobRequests(bridgeWith(), location)();
    expect(location.hash).toBe('#/machine');
  });
});
