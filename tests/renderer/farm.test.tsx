// @vitest-environment happy-dom
/**
 * The renderer's farm parts: which machine rendered a job (row and words), the farm watch against
 * a real HTTP server answering GET /api/farm as the engine does (up, 503 FARM_UNAVAILABLE, back),
 * the banner, and scene thumbnails in the video's own shape.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FarmStatus } from '../../src-shared/farm.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { createApiClient } from '../../src-renderer/api/api-client.js';
import { installApi } from '../../src-renderer/api/client.js';
import { startFarmWatch } from '../../src-renderer/app/farm-watch.js';
import { SceneThumbnails, thumbMinWidth } from '../../src-renderer/components/detail/SceneThumbnails.js';
import { machineText } from '../../src-renderer/components/queue/machine-text.js';
import { QueuePanel } from '../../src-renderer/components/queue/QueuePanel.js';
import { FarmBanner } from '../../src-renderer/components/shell/FarmBanner.js';
import {
  appStore,
  receiveQueueEvents,
  resetAppStore,
  setConnection,
  setFarm,
} from '../../src-renderer/store/app-store.js';
import { selectOnline } from '../../src-renderer/store/selectors.js';
import { ev, item, STATS0, statusEv } from './fixtures.js';

const FARM = { url: 'redis://:***@studio-redis:6379', sharedDir: '/mnt/aura', renders: true };

// A real HTTP server answering GET /api/farm with whatever the test queued up next for its token
// (a watch stopped by an earlier test may still have a request in flight: it never counts here).
let server: Server;
let baseUrl: string;
type Answer = { status: number; body: unknown };
const answersFor = new Map<string, Answer[]>();
const requestsFor = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/api/farm') {
      res.writeHead(404).end();
      return;
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    requestsFor.set(token, (requestsFor.get(token) ?? 0) + 1);
    const answers = answersFor.get(token) ?? [{ status: 200, body: { farm: null } }];
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    const problem = next.status !== 200;
    res.writeHead(next.status, { 'content-type': problem ? 'application/problem+json' : 'application/json' });
    res.end(JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// happy-dom does no layout: give the list's scroll box a window's size so the virtualizer draws rows.
beforeAll(() => {
  for (const prop of ['clientHeight', 'clientWidth'] as const) {
    Object.defineProperty(window.HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('job-list') ? 900 : 0;
      },
    });
  }
});

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${baseUrl}/`);
  installApi(createApiClient({ baseUrl, token: 't0ken' }), null);
  resetAppStore();
});

afterEach(cleanup);

const up = (over: Partial<NonNullable<FarmStatus['farm']>> = {}) => ({
  status: 200,
  body: { farm: { ...FARM, reachable: true, ...over } } satisfies FarmStatus,
});
const unavailable = {
  status: 503,
  body: {
    type: 'about:blank#FARM_UNAVAILABLE',
    title: 'Farm unavailable',
    status: 503,
    detail: "The render farm's Redis at redis://:***@studio-redis:6379 cannot be reached; jobs resume when it is back.",
    code: 'FARM_UNAVAILABLE',
  },
};

describe('which machine rendered a job', () => {
  it('words it by status, and says nothing on one machine', () => {
    expect(machineText('running', 'render-2')).toBe('Rendering on render-2');
    expect(machineText('completed', 'render-2')).toBe('Rendered on render-2');
    expect(machineText('failed', 'render-2')).toBe('Last attempt on render-2');
    expect(machineText('pending', 'render-2')).toBe('Last attempt on render-2');
    expect(machineText('completed', null)).toBeNull();
  });

  it('shows compactly in a queue row only when known, and follows the row the events replace', () => {
    render(<QueuePanel />);
    const farmJob = item('far1', 2, { title: 'Farm video', status: 'running', machine: 'render-2', progressPct: 10 });
    const localJob = item('loc1', 1, { title: 'Local video', status: 'completed', progressPct: 100 });
    act(() => {
      receiveQueueEvents([
        ev(1, 'queue-snapshot', {
          jobs: [farmJob, localJob],
          stats: { ...STATS0, total: 2, running: 1, completed: 1 },
        }),
      ]);
    });
    const farmRow = screen.getByRole('listitem', { name: /Farm video/ });
    const tag = within(farmRow).getByText('· on render-2');
    expect(tag.getAttribute('title')).toBe('Rendering on render-2');
    expect(within(screen.getByRole('listitem', { name: /Local video/ })).queryByText(/· on /)).toBeNull();

    // Another attempt on another machine: the row is replaced by the event's QueueItem.
    act(() => {
      receiveQueueEvents([statusEv(2, { ...farmJob, status: 'completed', progressPct: 100, machine: 'render-3' })]);
    });
    const done = within(screen.getByRole('listitem', { name: /Farm video/ })).getByText('· on render-3');
    expect(done.getAttribute('title')).toBe('Rendered on render-3');
  });
});

describe('the farm watch', () => {
  it('reads the farm, says when its Redis is away (503), and recovers by itself', async () => {
    answersFor.set('t-up-down-up', [up(), unavailable, unavailable, up()]);
    // Every state the store goes through, with what selectOnline says of it.
    const seen: Array<[boolean | undefined, boolean]> = [];
    const unsubscribe = appStore.subscribe((state, previous) => {
      if (state.farm !== previous.farm) seen.push([state.farm?.reachable, selectOnline(state)]);
    });
    const stop = startFarmWatch(createApiClient({ baseUrl, token: 't-up-down-up' }), 10);
    try {
      await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(3));
      expect(seen).toEqual([
        [true, true],
        [false, false],
        [true, true],
      ]);
      expect(appStore.getState().farm).toEqual({ ...FARM, reachable: true });
    } finally {
      stop();
      unsubscribe();
    }
  });

  it('on one machine reads once, and again only when the event stream comes back', async () => {
    const token = 't-alone';
    answersFor.set(token, [{ status: 200, body: { farm: null } }]);
    const stop = startFarmWatch(createApiClient({ baseUrl, token }), 10);
    try {
      await vi.waitFor(() => expect(appStore.getState().farm).toBeNull());
      expect(requestsFor.get(token)).toBe(1);
      // The engine restarted on a farm: the stream breaks and comes back.
      answersFor.set(token, [up({ renders: false })]);
      setConnection('reconnecting');
      setConnection('caught-up');
      await vi.waitFor(() => expect(appStore.getState().farm).toEqual({ ...FARM, renders: false, reachable: true }));
    } finally {
      stop();
    }
  });
});

describe('FarmBanner', () => {
  it('is silent on one machine and while the farm answers; says plainly when it is gone, then that it is back', () => {
    const { container } = render(<FarmBanner />);
    const banner = () => container.querySelector('[data-farm]')!;
    expect(banner().textContent).toBe('');
    act(() => setFarm(null));
    expect(banner().textContent).toBe('');
    act(() => setFarm({ ...FARM, reachable: true }));
    expect(banner().textContent).toBe('');
    act(() => setFarm({ ...FARM, reachable: false }));
    expect(banner().getAttribute('data-farm')).toBe('down');
    expect(banner().textContent).toContain(
      'The render farm cannot be reached (Redis at redis://:***@studio-redis:6379)',
    );
    act(() => setFarm({ ...FARM, reachable: true }));
    expect(banner().textContent).toBe('The render farm is back.');
  });
});

describe('scene thumbnails', () => {
  const spec = (output: Record<string, unknown>) =>
    RenderSpecSchema.parse({ title: 'T', script: '# A\nOne.\n\n# B\nTwo.', output });

  it('are boxes of the video’s own shape: tall for a 9:16 short, wide for 16:9', () => {
    const { container, unmount } = render(
      <SceneThumbnails jobId="j1" spec={spec({ preset: 'shorts' })} revision={0} />,
    );
    const list = container.querySelector('ul')!;
    expect(list.getAttribute('data-aspect')).toBe('1080:1920');
    expect(list.style.getPropertyValue('--thumb-aspect')).toBe('1080 / 1920');
    expect(list.querySelectorAll('li')).toHaveLength(2);
    unmount();
    const wide = render(<SceneThumbnails jobId="j1" spec={spec({ width: 1280, height: 720 })} revision={0} />);
    expect(wide.container.querySelector('ul')!.style.getPropertyValue('--thumb-aspect')).toBe('1280 / 720');
  });

  it('narrow the columns for tall videos so a box stays about as big', () => {
    expect(thumbMinWidth(1920, 1080)).toBe(120);
    expect(thumbMinWidth(1080, 1080)).toBe(120);
    expect(thumbMinWidth(1080, 1920)).toBe(90);
    expect(thumbMinWidth(16, 4320)).toBe(60);
  });
});
