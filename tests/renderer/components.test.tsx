// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueuePanel } from '../../src-renderer/components/queue/QueuePanel.js';
import { ConnectionBanner } from '../../src-renderer/components/shell/ConnectionBanner.js';
import { appStore, receiveQueueEvents, setConnection } from '../../src-renderer/store/app-store.js';
import { ev, item, STATS0 } from './fixtures.js';
import { usePageAgainst } from './page-harness.js';

// A real HTTP server answering POST /api/render like the engine does for an empty script.
usePageAgainst((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    res.writeHead(400, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The render spec is not valid.',
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'script', message: 'Write at least one scene.' }],
      }),
    );
  });
});

function loadQueue(): void {
  const jobs = [
    item('run1', 3, {
      title: 'Sky video',
      status: 'running',
      stage: 'Visuals',
      progressPct: 42,
      startedAt: new Date().toISOString(),
    }),
    item('pau1', 2, { title: 'Ocean video', status: 'paused', stage: 'Voice', progressPct: 20, canResume: true }),
    item('don1', 1, { title: 'Forest video', status: 'completed', progressPct: 100, artifactCount: 1 }),
  ];
  act(() => {
    receiveQueueEvents([
      ev(1, 'queue-snapshot', { jobs, stats: { ...STATS0, total: 3, running: 1, paused: 1, completed: 1 } }),
    ]);
  });
}

describe('QueuePanel', () => {
  it('shows each job as a listitem named by its title, with status text, progress and its actions', () => {
    render(<QueuePanel />);
    loadQueue();
    const running = screen.getByRole('listitem', { name: /Sky video/ });
    expect(within(running).getByText('Running')).toBeTruthy();
    expect(within(running).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
    expect(within(running).getByText('42%')).toBeTruthy();
    expect(within(running).getByText('estimating…')).toBeTruthy();
    const names = (li: HTMLElement) =>
      within(li)
        .getAllByRole('button')
        .map((b) => b.textContent);
    expect(names(running)).toEqual(['Pause', 'Cancel']);
    expect(names(screen.getByRole('listitem', { name: /Ocean video/ }))).toEqual(['Resume', 'Cancel']);
    expect(names(screen.getByRole('listitem', { name: /Forest video/ }))).toEqual([
      'Open output',
      'Render again',
      'Edit & render again',
      'Delete',
    ]);
    // Run order: running, paused, then ended.
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('data-job-id'))).toEqual([
      'run1',
      'pau1',
      'don1',
    ]);
  });

  it('filters by status with the counts from stats', () => {
    render(<QueuePanel />);
    loadQueue();
    fireEvent.click(screen.getByRole('button', { name: /Completed\s*1/ }));
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('data-job-id'))).toEqual(['don1']);
    expect(appStore.getState().filter).toBe('completed');
  });

  it('moves a row when progress arrives, without touching the others', () => {
    render(<QueuePanel />);
    loadQueue();
    act(() => {
      receiveQueueEvents([
        ev(2, 'step-progress', {
          jobId: 'run1',
          step: 'visuals',
          stage: 'Visuals',
          progressPct: 80,
          jobProgressPct: 77,
          etaSeconds: 65,
        }),
      ]);
    });
    const running = screen.getByRole('listitem', { name: /Sky video/ });
    expect(within(running).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('77');
    expect(within(running).getByText('1:05 left')).toBeTruthy();
  });
});

describe('ConnectionBanner', () => {
  it('says when the connection is down, and says nothing while live', () => {
    render(<ConnectionBanner />);
    act(() => setConnection('reconnecting'));
    expect(screen.getByRole('status').textContent).toMatch(/Reconnecting/);
    act(() => setConnection('live'));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
