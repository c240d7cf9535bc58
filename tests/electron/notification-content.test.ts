import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src-shared/events.js';
import { notificationFor } from '../../src-main/electron/notification-content.js';

const base = { seq: 9, ts: 1_700_000_000_000, jobId: 'job1' };
const completed: JobEvent = {
  ...base,
  type: 'job-completed',
  data: { jobId: 'job1', artifacts: [], outputPath: '/data/jobs/job1/artifacts/output.mp4' },
};
const failed: JobEvent = {
  ...base,
  type: 'job-failed',
  data: {
    jobId: 'job1',
    step: 'render',
    error: { code: 'FFMPEG_FAILED', message: 'ffmpeg exited with code 1', suggestedActions: [] },
  },
};

describe('notificationFor', () => {
  it('announces a finished render by its title', () => {
    expect(notificationFor(completed, 'Why the sky is blue')).toEqual({
      jobId: 'job1',
      title: 'Render finished',
      body: '“Why the sky is blue” is ready to watch.',
    });
  });

  it('says why a render failed', () => {
    expect(notificationFor(failed, 'Sky')).toEqual({
      jobId: 'job1',
      title: 'Render failed',
      body: '“Sky” failed: ffmpeg exited with code 1',
    });
  });

  it('copes with an unknown or blank title and shortens long text', () => {
    expect(notificationFor(completed, undefined)?.body).toBe('A render is ready to watch.');
    expect(notificationFor(completed, '   ')?.body).toBe('A render is ready to watch.');
    const long = notificationFor(completed, 'x'.repeat(300))!.body;
    expect(long.length).toBeLessThan(110);
    expect(long).toContain('…');
  });

  it.each<JobEvent>([
    { ...base, type: 'job-canceled', data: { jobId: 'job1' } },
    { ...base, type: 'job-log', data: { jobId: 'job1', level: 'info', message: 'hi' } },
    {
      ...base,
      type: 'step-progress',
      data: { jobId: 'job1', step: 'render', stage: 'Render', progressPct: 50, jobProgressPct: 90, etaSeconds: 3 },
    },
  ])('stays quiet for $type', (event) => {
    expect(notificationFor(event, 'Sky')).toBeNull();
  });
});
